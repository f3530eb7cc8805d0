using System.Globalization;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// One order of a scenario as last seen, and every way it differs from the expectation (none when as expected): steps
/// of the scenario that could not be done, the outcome, the path, the final state and the timeline.
/// </summary>
internal sealed record ScenarioVerdict(string Name, string OrderId, OrderView? View, IReadOnlyList<string> Differences)
{
    public bool AsExpected => Differences.Count == 0;

    /// <param name="name">The scenario's name, with the order's label when the scenario has several orders.</param>
    /// <param name="order">The step that submitted the order.</param>
    /// <param name="view">The order as last seen; null when the host never showed it.</param>
    /// <param name="stepProblems">Why steps of the scenario could not be done; the order was then not waited for.</param>
    /// <param name="timeout">How long the demo waited for the order to end.</param>
    public static ScenarioVerdict Judge(string name, Submit order, OrderView? view, IReadOnlyList<string> stepProblems, TimeSpan timeout)
    {
        var expected = order.Expected;
        var differences = stepProblems.Select(p => $"step:    {p}").ToList();
        if (view is null)
        {
            if (stepProblems.Count == 0)
            {
                differences.Add("the host never showed the order");
            }
        }
        else if (!view.HasEnded())
        {
            if (stepProblems.Count == 0)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"did not end within {timeout.TotalSeconds:0} s"));
            }
        }
        else
        {
            var outcomeMatches = view.Outcome == expected.Outcome && (expected.ReasonCode is null || view.ReasonCode == expected.ReasonCode);
            if (!outcomeMatches)
            {
                differences.Add($"outcome: expected {OutcomeText(expected.Outcome, expected.ReasonCode)}, got {Describe(view)}");
                // The detail of a failure or rejection says why; a completion's adds nothing.
                if (view.Outcome != OrderOutcome.Completed && view.Detail is { } detail)
                {
                    differences.Add($"detail:  {Printable.Clip(detail, 120)}");
                }
            }

            var path = view.SucceededActivities();
            if (!path.SequenceEqual(expected.Path))
            {
                differences.Add($"path:    expected {PathText(expected.Path)}, got {PathText(path)}");
            }

            if (outcomeMatches)
            {
                differences.AddRange((expected.State?.Invoke(view) ?? []).Select(d => $"state:   {d}"));
                differences.AddRange((expected.Timeline ?? []).Select(c => c.Difference(view.Timeline)).OfType<string>().Select(d => $"events:  {d}"));
            }
        }

        return new ScenarioVerdict(name, order.OrderId, view, differences);
    }

    /// <summary>The order's outcome in a few words, also for orders that have not ended.</summary>
    public static string Describe(OrderView? view) => view switch
    {
        null => "not found",
        { Outcome: { } outcome } when view.HasEnded() => OutcomeText(outcome, view.ReasonCode),

        // The orchestration itself failed or was terminated, so it returned no outcome.
        _ when view.HasEnded() => $"{view.RuntimeStatus} without an outcome",
        { Exception: { } exception } => $"still {view.RuntimeStatus}, {view.Phase} ({Printable.Clip(exception.ReasonCode, 40)})",
        { CurrentActivity: { } activity } => $"still {view.RuntimeStatus}, {view.Phase} ({activity})",
        _ => $"still {view.RuntimeStatus}" + (view.Phase is { } phase ? $", {phase}" : ""),
    };

    static string OutcomeText(OrderOutcome outcome, string? reasonCode) =>
        reasonCode is null ? outcome.ToString() : $"{outcome} ({reasonCode})";

    static string PathText(IReadOnlyList<ActivityKind> path) =>
        path.Count == 0 ? "no activities" : string.Join(" → ", path);
}
