using System.Globalization;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Cli.Demo;

/// <summary>A scenario's order as last seen, and every way it differs from the expectation (none when as expected).</summary>
internal sealed record ScenarioVerdict(DemoScenario Scenario, OrderView? View, IReadOnlyList<string> Differences)
{
    public bool AsExpected => Differences.Count == 0;

    public static ScenarioVerdict Judge(DemoScenario scenario, OrderView? view, TimeSpan timeout)
    {
        var expected = scenario.Expected;
        var differences = new List<string>();
        if (view is null)
        {
            differences.Add("the host never showed the order");
        }
        else if (!view.HasEnded())
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"did not end within {timeout.TotalSeconds:0} s"));
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

            if (outcomeMatches && expected.State is { } state)
            {
                differences.AddRange(state(view).Select(d => $"state:   {d}"));
            }
        }

        return new ScenarioVerdict(scenario, view, differences);
    }

    /// <summary>The order's outcome in a few words, also for orders that have not ended.</summary>
    public static string Describe(OrderView? view) => view switch
    {
        null => "not found",
        { Outcome: { } outcome } when view.HasEnded() => OutcomeText(outcome, view.ReasonCode),

        // The orchestration itself failed or was terminated, so it returned no outcome.
        _ when view.HasEnded() => $"{view.RuntimeStatus} without an outcome",
        { CurrentActivity: { } activity } => $"still {view.RuntimeStatus}, {view.Phase} ({activity})",
        _ => $"still {view.RuntimeStatus}" + (view.Phase is { } phase ? $", {phase}" : ""),
    };

    static string OutcomeText(OrderOutcome outcome, string? reasonCode) =>
        reasonCode is null ? outcome.ToString() : $"{outcome} ({reasonCode})";

    static string PathText(IReadOnlyList<ActivityKind> path) =>
        path.Count == 0 ? "no activities" : string.Join(" → ", path);
}
