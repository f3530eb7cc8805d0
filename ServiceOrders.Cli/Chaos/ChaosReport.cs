using System.Globalization;

namespace ServiceOrders.Cli.Chaos;

/// <summary>The end of a fault-injection run: what was done to the product, what came back, what is wrong; the counts last.</summary>
internal static class ChaosReport
{
    public static void Write(TextWriter writer, ChaosResult result, int findingsShown)
    {
        var audit = result.Audit;
        var ended = audit.Orders - audit.Lost - audit.Stuck;
        writer.WriteLine();
        writer.WriteLine(Line($"  faults:   host killed with SIGKILL {result.Kills} times and restarted each time; Azurite restarted {result.StorageRestarts} times; {result.Resent} requests sent twice"));
        writer.WriteLine(Line($"  outcomes: {ended - audit.Unexpected.Count}/{audit.Orders} orders ended as expected, in {result.Elapsed.TotalSeconds:0} s"));
        writer.WriteLine(Line($"  work:     {audit.WorkCarriedOut} head-end commands and field dispatches carried out; {audit.WorkReceivedAgain} received again and done once, by idempotency key"));
        writer.WriteLine(Line($"  replies:  {audit.Replies} CIS replies; {audit.RepliesRepeatedWithSameId} repeats, all under the same id; {audit.DuplicateReplies} under a new id; {audit.UnreadableReplies} unreadable"));
        writer.WriteLine(Line($"  starts:   {audit.DuplicateStarts} orders started more than once"));
        if (audit.Findings.Count > 0)
        {
            writer.WriteLine();
            foreach (var finding in audit.Findings.Take(findingsShown))
            {
                writer.WriteLine("  " + finding);
            }

            if (audit.Findings.Count > findingsShown)
            {
                writer.WriteLine(Line($"  … and {audit.Findings.Count - findingsShown} more"));
            }
        }

        writer.WriteLine(result.Counts);
    }

    static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
