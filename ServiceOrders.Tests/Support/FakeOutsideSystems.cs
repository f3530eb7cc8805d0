using System.Collections.Concurrent;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Support;

/// <summary>
/// The CIS, the head-end, the field work system and subscribers, as one fake: it records what the product sent and
/// answers through the engine the way the real systems answer through the API. Per order, a test can script answers.
/// </summary>
public sealed class FakeOutsideSystems : IFieldWorkGateway, IHeadEndGateway, ICisReplySender, ISubscriberNotifier
{
    public ConcurrentQueue<FieldDispatch> Dispatches { get; } = new();

    public ConcurrentQueue<HeadEndCommand> Commands { get; } = new();

    /// <summary>When the head-end received each command (the first time), by command id.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> CommandReceivedAt { get; } = new();

    public ConcurrentQueue<FieldCancellation> Cancellations { get; } = new();

    /// <summary>Per order, what a crew reports when its work is called off; by default it stops and reports Cancelled.</summary>
    public ConcurrentDictionary<string, Func<FieldCancellation, FieldWorkCompleted?>> CancelScripts { get; } = new();

    public ConcurrentQueue<CisReply> Replies { get; } = new();

    public ConcurrentQueue<SubscriberNotification> Notifications { get; } = new();

    /// <summary>Answers by order id; an order without a script gets a plain success, a script returning null gets no answer at all.</summary>
    public ConcurrentDictionary<string, Func<FieldDispatch, FieldWorkCompleted?>> FieldScripts { get; } = new();

    public ConcurrentDictionary<string, Func<HeadEndCommand, IEnumerable<HeadEndAnswered>>> HeadEndScripts { get; } = new();

    /// <summary>Orders for which the head-end cannot be reached at all: sending a command throws.</summary>
    public ConcurrentDictionary<string, bool> UnreachableHeadEnd { get; } = new();

    public IOrderEngine? Engine { get; set; }

    /// <summary>
    /// When set, head-end answers take the product's answer route (as the API and the result queue do) instead of being
    /// raised on the order directly: an interim answer is then taken without an event.
    /// </summary>
    public AnswerForwarder? HeadEndRoute { get; set; }

    public IReadOnlyList<CisReply> RepliesTo(string orderId) => Replies.Where(r => r.RequestId == orderId).ToList();

    public async Task DispatchAsync(FieldDispatch dispatch, CancellationToken cancellationToken)
    {
        Dispatches.Enqueue(dispatch);
        var answer = FieldScripts.TryGetValue(dispatch.OrderId.Value, out var script) ? script(dispatch) : Completed(dispatch);
        if (answer is not null)
        {
            await Engine!.RaiseEventAsync(dispatch.OrderId, OrderEvents.FieldWorkCompleted, answer, cancellationToken);
        }
    }

    public async Task CancelAsync(FieldCancellation cancellation, CancellationToken cancellationToken)
    {
        Cancellations.Enqueue(cancellation);
        var answer = CancelScripts.TryGetValue(cancellation.OrderId.Value, out var script)
            ? script(cancellation)
            : new FieldWorkCompleted(cancellation.ActivityId, new FieldCompletion(CompletionCode.Cancelled, "Crew 1"));
        if (answer is not null)
        {
            await Engine!.RaiseEventAsync(cancellation.OrderId, OrderEvents.FieldWorkCompleted, answer, cancellationToken);
        }
    }

    public async Task SendAsync(HeadEndCommand command, CancellationToken cancellationToken)
    {
        if (UnreachableHeadEnd.ContainsKey(command.OrderId.Value))
        {
            throw new HttpRequestException("The head-end did not accept the connection.");
        }

        Commands.Enqueue(command);
        CommandReceivedAt.TryAdd(command.CommandId.Value, DateTimeOffset.UtcNow);
        var answers = HeadEndScripts.TryGetValue(command.OrderId.Value, out var script) ? script(command) : [Succeeded(command)];
        foreach (var answer in answers)
        {
            if (HeadEndRoute is { } route)
            {
                await route.ForwardAsync(Engine!, answer.ActivityId.Value, OrderEvents.HeadEndAnswered, answer,
                    answer.Result.IsFinal ? AnswerOutcome.Of(answer.Result) : null, cancellationToken);
            }
            else
            {
                await Engine!.RaiseEventAsync(command.OrderId, OrderEvents.HeadEndAnswered, answer, cancellationToken);
            }
        }
    }

    public Task SendAsync(CisReply reply, CancellationToken cancellationToken)
    {
        Replies.Enqueue(reply);
        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
    {
        foreach (var notification in notifications)
        {
            Notifications.Enqueue(notification);
        }

        return Task.CompletedTask;
    }

    public static FieldWorkCompleted Completed(FieldDispatch dispatch) => new(dispatch.ActivityId, dispatch.Kind switch
    {
        ActivityKind.InstallMeter => new FieldCompletion(CompletionCode.Completed, "Crew 1",
            InstalledMeter: dispatch.MeterToInstall ?? new MeterFound("M-NEW", MeterClass.Smart)),
        ActivityKind.TurnOn or ActivityKind.Relight => new FieldCompletion(CompletionCode.Completed, "Crew 1", Switch: SwitchState.Connected,
            Readings: [new("1.8.0", 1234.5m, "kWh", DateTimeOffset.UnixEpoch)]),
        ActivityKind.FieldRead => new FieldCompletion(CompletionCode.Completed, "Crew 1", Readings: [new("1.8.0", 1234.5m, "kWh", DateTimeOffset.UnixEpoch)]),
        _ => new FieldCompletion(CompletionCode.Completed, "Crew 1"),
    });

    public static HeadEndAnswered Succeeded(HeadEndCommand command) => new(command.CommandId, command.Kind switch
    {
        ActivityKind.RemoteConnect => new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected),
        ActivityKind.ReadScalar => new HeadEndResult(CommandOutcome.Succeeded, Readings: [new("1.8.0", 4321.5m, "kWh", DateTimeOffset.UnixEpoch)]),
        _ => new HeadEndResult(CommandOutcome.Succeeded),
    });
}
