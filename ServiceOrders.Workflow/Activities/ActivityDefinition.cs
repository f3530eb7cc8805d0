using Microsoft.DurableTask;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// How calls to an activity are tried again when it throws. The number of attempts and the first interval are the
/// order's own (<see cref="OrderPolicy.Retry"/>, fixed when the order starts, so a configuration change never alters
/// an order in flight); the declaration says how the interval grows and how long retrying may take in all.
/// </summary>
public sealed record ActivityRetryPolicy(double BackoffCoefficient, TimeSpan MaxInterval, TimeSpan? Timeout = null)
{
    /// <summary>Intervals that double up to a minute, with no overall limit: what every activity has always used.</summary>
    public static ActivityRetryPolicy Doubling { get; } = new(2, TimeSpan.FromMinutes(1));

    /// <summary>The options of one call, for an order that allows <paramref name="attempts"/>.</summary>
    public TaskOptions Options(ActivityRetry attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: attempts.MaxAttempts,
            firstRetryInterval: attempts.FirstInterval,
            backoffCoefficient: BackoffCoefficient,
            maxRetryInterval: MaxInterval,
            retryTimeout: Timeout));
    }
}

/// <summary>
/// An activity as both hosts register it and the orchestrator calls it, without its input and output types: what a
/// host needs to list the activities (see <see cref="WorkflowActivities.All"/>).
/// </summary>
public interface IActivityDefinition
{
    /// <summary>The name the activity is registered and scheduled under; recorded in every order's history.</summary>
    string Name { get; }

    /// <summary>The class that does the work, resolved from the host's services.</summary>
    Type ImplementationType { get; }

    Type InputType { get; }

    Type OutputType { get; }

    ActivityRetryPolicy Retry { get; }

    /// <summary>Hands the typed definition to <paramref name="visitor"/>, so a host can build its typed registration.</summary>
    TResult Accept<TResult>(IActivityDefinitionVisitor<TResult> visitor);
}

/// <summary>Something that needs an activity's input and output types as type arguments (a host's registration).</summary>
public interface IActivityDefinitionVisitor<out TResult>
{
    TResult Visit<TInput, TOutput>(ActivityDefinition<TInput, TOutput> activity);
}

/// <summary>
/// One activity of the workflow: its name, what it takes and returns, how it is retried and what implements it. The
/// orchestrator calls it through <see cref="CallAsync"/>, so an input or output of the wrong type does not compile.
/// </summary>
public sealed class ActivityDefinition<TInput, TOutput> : IActivityDefinition
{
    ActivityDefinition(string name, Type implementationType, ActivityRetryPolicy retry)
    {
        Name = name;
        ImplementationType = implementationType;
        Retry = retry;
    }

    public string Name { get; }

    public Type ImplementationType { get; }

    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public ActivityRetryPolicy Retry { get; }

    /// <summary>Declares the activity <paramref name="name"/>, done by <typeparamref name="TActivity"/>.</summary>
    public static ActivityDefinition<TInput, TOutput> Of<TActivity>(string name, ActivityRetryPolicy retry)
        where TActivity : class, IServiceOrderActivity<TInput, TOutput>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(retry);
        return new(name, typeof(TActivity), retry);
    }

    /// <summary>Schedules the activity from an orchestration, retried as the declaration and the order say.</summary>
    public Task<TOutput> CallAsync(TaskOrchestrationContext context, TInput input, ActivityRetry attempts)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<TOutput>(Name, input, Retry.Options(attempts));
    }

    /// <summary>The activity's implementation, from a host's services.</summary>
    public IServiceOrderActivity<TInput, TOutput> Resolve(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return (IServiceOrderActivity<TInput, TOutput>)(services.GetService(ImplementationType)
            ?? throw new InvalidOperationException($"The activity {Name} ({ImplementationType.Name}) is not registered."));
    }

    public TResult Accept<TResult>(IActivityDefinitionVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    public override string ToString() => $"{Name}({typeof(TInput).Name}) -> {typeof(TOutput).Name}";
}
