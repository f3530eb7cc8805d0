namespace ServiceOrders.Cli.Output;

/// <summary>Text from the host or the command line made safe for one terminal line: no control characters, bounded length.</summary>
internal static class Printable
{
    public static string Clip(string text, int maxLength)
    {
        var oneLine = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        return oneLine.Length <= maxLength ? oneLine : string.Concat(oneLine.AsSpan(0, maxLength - 1), "…");
    }
}
