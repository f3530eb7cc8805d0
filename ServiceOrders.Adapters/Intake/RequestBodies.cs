using System.Text.Json;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// How a JSON body is read, the same for an HTTP request and a queue message: a size limit, the shared JSON settings,
/// and one wording for what is wrong with a body that does not fit its type.
/// </summary>
public static class RequestBodies
{
    /// <summary>Bodies above this size are refused before they are parsed.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Reads <paramref name="utf8Json"/> as a <typeparamref name="T"/>; on failure, says why in one sentence.</summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> utf8Json, out T? value, out JsonException? error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(WithoutByteOrderMark(utf8Json), ServiceOrdersJson.Options);
            error = null;
            return value is not null;
        }
        catch (JsonException ex)
        {
            value = null;
            error = ex;
            return false;
        }
    }

    /// <summary>What is wrong with a body, for problem details and rejection replies.</summary>
    public static string Describe<T>(JsonException error)
    {
        var where = error.Path is null ? "" : $" at {error.Path}";
        return $"The body is not a valid {typeof(T).Name}{where}: {FirstSentence(error.Message)}";
    }

    /// <summary>Some senders start UTF-8 text with a byte order mark; the JSON reader does not expect one.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
