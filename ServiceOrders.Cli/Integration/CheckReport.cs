using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Integration;

/// <summary>A check that did not hold; the message says why in a few words, for the end of its ✘ line.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);

/// <summary>One line per check: <c>✔ what held</c> or <c>✘ what was checked (why not)</c>, and the counts for the summary.</summary>
internal sealed class CheckReport(TextWriter writer, StatusLine status)
{
    const int MaxWhyLength = 160;

    public int Total { get; private set; }

    public int Passed { get; private set; }

    /// <summary>While a check waits: what it waits for, rewritten in place on a terminal and left out of redirected output.</summary>
    public StatusLine Status => status;

    public void Pass(string text)
    {
        status.Clear();
        Total++;
        Passed++;
        writer.WriteLine($"✔ {text}");
    }

    public void Fail(string title, string why)
    {
        status.Clear();
        Total++;
        writer.WriteLine($"✘ {title} ({Printable.Clip(why, MaxWhyLength)})");
    }
}

/// <summary>
/// A line that says what the run waits for. On a terminal it rewrites itself and is wiped before the next result line;
/// when the output goes to a file or a pipe it shows nothing, so that the output stays one line per check.
/// </summary>
internal sealed class StatusLine(TextWriter writer, bool enabled)
{
    int shownLength;

    public static StatusLine ForConsole() => new(Console.Out, enabled: !Console.IsOutputRedirected);

    public void Show(string text)
    {
        if (!enabled)
        {
            return;
        }

        writer.Write('\r' + text.PadRight(shownLength));
        writer.Flush();
        shownLength = text.Length;
    }

    public void Clear()
    {
        if (!enabled || shownLength == 0)
        {
            return;
        }

        writer.Write('\r' + new string(' ', shownLength) + '\r');
        writer.Flush();
        shownLength = 0;
    }
}
