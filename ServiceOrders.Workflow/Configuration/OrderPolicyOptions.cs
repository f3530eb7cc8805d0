using System.ComponentModel.DataAnnotations;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Workflow.Configuration;

/// <summary>Deadlines and limits given to every new order (section <c>Orders</c>).</summary>
public sealed class OrderPolicyOptions
{
    public const string SectionName = "Orders";

    /// <summary>How long a crew has to report a field activity.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan FieldDeadline { get; set; } = OrderPolicy.Default.FieldDeadline;

    /// <summary>How long the head-end has to answer a command.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CommandDeadline { get; set; } = OrderPolicy.Default.CommandDeadline;

    [Range(1, 100)]
    public int MaxSteps { get; set; } = PlanningPolicy.Default.MaxSteps;

    [Range(1, 10)]
    public int MaxSuccessesPerActivity { get; set; } = PlanningPolicy.Default.MaxSuccessesPerActivity;

    /// <summary>Tries of an activity that throws before the order gives up on it.</summary>
    [Range(1, 20)]
    public int ActivityAttempts { get; set; } = ActivityRetry.Default.MaxAttempts;

    /// <summary>The wait before the first retry of an activity; each next wait doubles, up to a minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ActivityFirstRetryInterval { get; set; } = ActivityRetry.Default.FirstInterval;

    public OrderPolicy ToPolicy() => new(
        FieldDeadline,
        CommandDeadline,
        new PlanningPolicy(MaxSteps, MaxSuccessesPerActivity),
        new ActivityRetry(ActivityAttempts, ActivityFirstRetryInterval));
}
