using System.Globalization;
using System.Security;
using System.Text;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// Draws the runs over time as one SVG: a row per run with a timeline, on the left the orders ended per 10 s window
/// (bars), on the right the p50 (solid) and p95 (dashed) intake to reply of the orders that ended in each window.
/// Each panel has its own scale, written at its top.
/// </summary>
internal static class BenchChart
{
    const int Width = 1000;
    const int RowHeight = 190;
    const int Top = 50;
    const int PanelWidth = 400;
    const int PanelHeight = 130;
    const int LeftX = 60;
    const int RightX = 560;

    public static string Svg(IReadOnlyList<BenchResult> results)
    {
        var runs = results.Where(r => r.Timeline is { Count: > 0 }).ToList();
        var height = Top + (Math.Max(runs.Count, 1) * RowHeight) + 10;
        var svg = new StringBuilder();
        void Add(FormattableString s) => svg.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Add($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="11">""");
        Add($"""<rect width="{Width}" height="{height}" fill="white"/>""");
        var machine = results.Count > 0 ? results[0].Machine : null;
        var title = machine is null ? "ServiceOrders bench" : string.Create(CultureInfo.InvariantCulture, $"ServiceOrders bench, {results[0].Commit}, {machine.Cores} cores");
        Add($"""<text x="10" y="20" font-size="14" font-weight="bold">{Escape(title)}</text>""");
        Add($"""<text x="10" y="38" fill="#555">left: orders ended per 10 s window; right: intake to reply of those, p50 (solid) and p95 (dashed), seconds; x: seconds from the first order sent</text>""");
        if (runs.Count == 0)
        {
            Add($"""<text x="10" y="{Top + 20}">no run with a timeline</text>""");
        }

        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var timeline = run.Timeline!;
            var y0 = Top + (i * RowHeight);
            var baseY = y0 + 30 + PanelHeight;
            var span = (timeline.Count * BenchMath.TimelineWindowLength.TotalSeconds);
            var maxEnded = Math.Max(timeline.Max(w => w.Ended), 1);
            var maxLatency = Math.Max(timeline.Select(w => w.P95 ?? 0).DefaultIfEmpty(0).Max(), 0.001);
            Add($"""<text x="10" y="{y0 + 14}" font-size="12" font-weight="bold">{Escape(run.Workload)}: {run.Figures.AsExpected:N0}/{run.Figures.Orders:N0} in {run.Figures.WindowSeconds:0} s, {run.Figures.OrdersPerSecond:0.00} orders/s{(run.Hosts > 1 ? $", {run.Hosts} hosts" : "")}</text>""");
            Axes(Add, LeftX, baseY, span, $"max {maxEnded:N0} per 10 s");
            Axes(Add, RightX, baseY, span, $"max p95 {maxLatency:0.0} s");

            var barWidth = PanelWidth / (double)timeline.Count;
            foreach (var (w, k) in timeline.Select((w, k) => (w, k)))
            {
                var h = w.Ended / (double)maxEnded * PanelHeight;
                Add($"""<rect x="{LeftX + (k * barWidth):0.#}" y="{baseY - h:0.#}" width="{Math.Max(barWidth - 1, 0.5):0.##}" height="{h:0.#}" fill="#4a7fb5"/>""");
            }

            string Line(Func<TimelineWindow, double?> value) => string.Join(' ', timeline
                .Select((w, k) => (x: RightX + ((k + 0.5) * barWidth), v: value(w)))
                .Where(p => p.v is not null)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.x:0.#},{baseY - (p.v!.Value / maxLatency * PanelHeight):0.#}")));
            Add($"""<polyline points="{Line(w => w.P50)}" fill="none" stroke="#c0392b" stroke-width="1.5"/>""");
            Add($"""<polyline points="{Line(w => w.P95)}" fill="none" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="4 3"/>""");

            // A dot per window, so that a run of one window still shows its latency.
            foreach (var (w, k) in timeline.Select((w, k) => (w, k)))
            {
                var x = RightX + ((k + 0.5) * barWidth);
                if (w.P50 is { } p50)
                {
                    Add($"""<circle cx="{x:0.#}" cy="{baseY - (p50 / maxLatency * PanelHeight):0.#}" r="2.5" fill="#c0392b"/>""");
                }

                if (w.P95 is { } p95)
                {
                    Add($"""<circle cx="{x:0.#}" cy="{baseY - (p95 / maxLatency * PanelHeight):0.#}" r="2.5" fill="white" stroke="#c0392b"/>""");
                }
            }
        }

        Add($"</svg>");
        return svg.ToString();
    }

    static void Axes(Action<FormattableString> add, int x, int baseY, double span, string scale)
    {
        add($"""<line x1="{x}" y1="{baseY}" x2="{x + PanelWidth}" y2="{baseY}" stroke="#333"/>""");
        add($"""<line x1="{x}" y1="{baseY}" x2="{x}" y2="{baseY - PanelHeight}" stroke="#333"/>""");
        add($"""<text x="{x + 4}" y="{baseY - PanelHeight + 10}" fill="#555">{Escape(scale)}</text>""");
        add($"""<text x="{x}" y="{baseY + 13}" fill="#555">0</text>""");
        add($"""<text x="{x + PanelWidth}" y="{baseY + 13}" fill="#555" text-anchor="end">{span:0} s</text>""");
    }

    static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
