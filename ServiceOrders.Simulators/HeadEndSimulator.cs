using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Simulators;

/// <summary>A head-end system: accepts each command, then reports its result to the head-end callback endpoint.</summary>
public sealed class HeadEndSimulator(
    QueueServiceClient queues,
    IHttpClientFactory httpClients,
    SimulatorLedger ledger,
    IOptions<SimulatorOptions> simulatorOptions,
    TimeProvider time,
    ILogger<HeadEndSimulator> logger)
    : QueueSimulator<HeadEndCommand>(queues, httpClients, ledger, simulatorOptions.Value.HeadEnd, simulatorOptions.Value.PollInterval, logger)
{
    readonly SimulatorOptions options = simulatorOptions.Value;

    protected override string QueueName => QueueNames.HeadEndCommands;

    protected override string KeyOf(HeadEndCommand message) => $"command:{message.CommandId}";

    protected override (string? TraceParent, string? TraceState) TraceOf(HeadEndCommand message) => (message.TraceParent, message.TraceState);

    protected override (string Path, object Body)? Interim(HeadEndCommand message) =>
        (PathOf(message), new HeadEndResult(CommandOutcome.Accepted));

    protected override (string Path, object Body) Answer(HeadEndCommand message, bool fail)
    {
        if (fail || message.MeterId.Value.StartsWith(options.UnreachableMeterPrefix, StringComparison.Ordinal))
        {
            return (PathOf(message), new HeadEndResult(CommandOutcome.Failed, Error: "Meter did not respond"));
        }

        var now = time.GetUtcNow();
        var result = message.Kind switch
        {
            ActivityKind.RemoteConnect => new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected),
            ActivityKind.RemoteDisconnect => new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Disconnected),
            ActivityKind.ReadScalar => new HeadEndResult(CommandOutcome.Succeeded, Readings: [SimulatedReadings.Register(message.CommandId.Value, now)]),
            ActivityKind.ReadInterval => new HeadEndResult(CommandOutcome.Succeeded, Readings: SimulatedReadings.Interval(message.CommandId.Value, now)),
            ActivityKind.ActivateDevice or ActivityKind.Ping => new HeadEndResult(CommandOutcome.Succeeded),
            _ => new HeadEndResult(CommandOutcome.Rejected, Error: $"{message.Kind} is not a head-end command"),
        };
        return (PathOf(message), result);
    }

    static string PathOf(HeadEndCommand message) => $"api/headend/commands/{Uri.EscapeDataString(message.CommandId.Value)}/result";
}
