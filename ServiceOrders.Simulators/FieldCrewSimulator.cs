using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Simulators;

/// <summary>Field crews: do the dispatched work and report completion to the crews' endpoint.</summary>
public sealed class FieldCrewSimulator(
    QueueServiceClient queues,
    IHttpClientFactory httpClients,
    SimulatorLedger ledger,
    CrewBoard board,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    ILogger<FieldCrewSimulator> logger)
    : QueueSimulator<FieldDispatch>(queues, httpClients, ledger, options.Value.FieldCrew, options.Value.PollInterval, logger)
{
    protected override string QueueName => QueueNames.FieldDispatches;

    protected override string KeyOf(FieldDispatch message) => $"dispatch:{message.ActivityId}";

    protected override void OnTakenUp(FieldDispatch message) => board.Arrive(message.ActivityId);

    protected override (string? TraceParent, string? TraceState) TraceOf(FieldDispatch message) => (message.TraceParent, message.TraceState);

    protected override (string Path, object Body) Answer(FieldDispatch message, bool fail)
    {
        var path = $"api/field-activities/{Uri.EscapeDataString(message.ActivityId.Value)}/completion";
        var now = time.GetUtcNow();
        if (board.CalledOffBeforeArrival(message.ActivityId))
        {
            return (path, new FieldCompletion(CompletionCode.Cancelled, "Crew 7", now, Remarks: "Called off before the crew arrived"));
        }

        if (fail)
        {
            return (path, new FieldCompletion(CompletionCode.CannotAccess, "Crew 7", now, Remarks: "Gate locked, nobody home"));
        }

        // An unmetered item has no register to read.
        IReadOnlyList<Reading>? readings = message.MeterId is null && message.Kind != ActivityKind.ExchangeMeter
            ? null
            : [SimulatedReadings.Register(message.ActivityId.Value, now, message.Commodity)];
        var completion = message.Kind switch
        {
            ActivityKind.InstallMeter => new FieldCompletion(
                CompletionCode.Completed, "Crew 7", now, SwitchState.Disconnected,
                InstalledMeter: message.MeterToInstall ?? new MeterFound($"M{message.ActivityId.Value.Replace('.', '-')}", MeterClass.Smart)),
            ActivityKind.ExchangeMeter => new FieldCompletion(
                CompletionCode.Completed, "Crew 7", now, SwitchState.Disconnected, readings,
                InstalledMeter: message.MeterToInstall ?? new MeterFound($"M{message.ActivityId.Value.Replace('.', '-')}", MeterClass.Smart),
                RemovedMeterId: message.MeterId?.Value),
            ActivityKind.RemoveMeter => new FieldCompletion(CompletionCode.Completed, "Crew 7", now, Readings: readings, RemovedMeterId: message.MeterId?.Value),
            ActivityKind.TurnOn or ActivityKind.Reconnect or ActivityKind.Relight =>
                new FieldCompletion(CompletionCode.Completed, "Crew 7", now, SwitchState.Connected, readings),
            ActivityKind.TurnOff or ActivityKind.CutForNonPayment =>
                new FieldCompletion(CompletionCode.Completed, "Crew 7", now, SwitchState.Disconnected, readings),
            ActivityKind.FieldRead when message.ReadKind == ReadKind.Interval =>
                new FieldCompletion(CompletionCode.Completed, "Crew 7", now, Readings: SimulatedReadings.Interval(message.ActivityId.Value, now)),
            ActivityKind.FieldRead => new FieldCompletion(CompletionCode.Completed, "Crew 7", now, Readings: readings),
            _ => new FieldCompletion(CompletionCode.Completed, "Crew 7", now, Remarks: "Inspected; nothing abnormal found"),
        };
        return (path, board.CalledOff(message.ActivityId)
            ? completion with { Remarks = "Already done when the cancellation arrived" }
            : completion);
    }
}
