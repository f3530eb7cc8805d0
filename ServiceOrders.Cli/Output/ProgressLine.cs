namespace ServiceOrders.Cli.Output;

/// <summary>
/// A status line that updates while the CLI waits. On a terminal it rewrites itself in place; when the output goes to
/// a file or a pipe, where '\r' would leave clutter, it prints a new line only when the text says something new.
/// </summary>
internal sealed class ProgressLine(TextWriter writer, bool rewriteInPlace)
{
    string? lastKey;
    int lastLength;
    bool lineOpen;

    public static ProgressLine ForConsole() => new(Console.Out, rewriteInPlace: !Console.IsOutputRedirected);

    /// <param name="text">The line to show.</param>
    /// <param name="key">What must change before a redirected output gets another line (e.g. a count, not the seconds).</param>
    public void Show(string text, string key)
    {
        if (rewriteInPlace)
        {
            // Pad over the rest of a longer previous text.
            writer.Write('\r' + text.PadRight(lastLength));
            writer.Flush();
            lastLength = text.Length;
            lineOpen = true;
        }
        else if (key != lastKey)
        {
            writer.WriteLine(text);
        }

        lastKey = key;
    }

    /// <summary>Ends a line rewritten in place, so that what follows starts on its own line.</summary>
    public void Close()
    {
        if (lineOpen)
        {
            writer.WriteLine();
            lineOpen = false;
        }
    }
}
