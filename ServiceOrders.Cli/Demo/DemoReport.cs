using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Demo;

/// <summary>The demo's result: per order a header, what differed, and the order's timeline; then the coverage and the tally.</summary>
internal static class DemoReport
{
    const string Indent = "    ";

    public static void Write(TextWriter writer, IReadOnlyList<ScenarioVerdict> verdicts, DemoCoverage coverage)
    {
        var idWidth = verdicts.Max(v => v.OrderId.Length);
        var nameWidth = verdicts.Max(v => v.Name.Length);
        var timelines = new TimelineTable(verdicts.Select(v => v.View?.Timeline ?? []));
        foreach (var verdict in verdicts)
        {
            writer.WriteLine();
            var mark = verdict.AsExpected ? "✔" : "✘";
            writer.WriteLine(
                $"{mark} {verdict.OrderId.PadRight(idWidth)}  {verdict.Name.PadRight(nameWidth)}  {ScenarioVerdict.Describe(verdict.View)}");
            foreach (var difference in verdict.Differences)
            {
                writer.WriteLine($"{Indent}≠ {difference}");
            }

            if (verdict.View is { } view)
            {
                timelines.Write(writer, view.Timeline, Indent);
            }
        }

        writer.WriteLine();
        writer.WriteLine(coverage.Summary());
        writer.WriteLine($"{verdicts.Count(v => v.AsExpected)}/{verdicts.Count} orders completed as expected");
    }
}
