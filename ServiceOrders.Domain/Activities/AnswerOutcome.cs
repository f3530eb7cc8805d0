using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Domain.Activities;

/// <summary>
/// What a crew's completion or a head-end's final result says was done, for telling a repeat from a contradiction. Two
/// answers for one activity have the same outcome when they report the same code, switch state, meters and readings
/// (register, value, unit and kind); who reported, when, and remarks or error texts are not part of it, so a system that
/// sends its answer again with a new timestamp repeats itself rather than contradicting itself.
/// </summary>
public sealed record AnswerOutcome(string Summary, string Fingerprint)
{
    /// <summary>Whether the answer says the work was done (for partner health; not part of the fingerprint).</summary>
    public bool Succeeded { get; init; }

    /// <summary>The outcome of a crew's completion.</summary>
    public static AnswerOutcome Of(FieldCompletion completion) => From(
        $"{completion.Code}{Switch(completion.Switch)}",
        new
        {
            completion.Code,
            completion.Switch,
            completion.InstalledMeter,
            completion.RemovedMeterId,
            Readings = Readings(completion.Readings),
        }) with { Succeeded = completion.Code == CompletionCode.Completed };

    /// <summary>The outcome of a head-end's result.</summary>
    public static AnswerOutcome Of(HeadEndResult result) => From(
        $"{result.Outcome}{Switch(result.Switch)}",
        new { result.Outcome, result.Switch, Readings = Readings(result.Readings) }) with { Succeeded = result.Outcome == CommandOutcome.Succeeded };

    static string Switch(ServiceOrders.Contracts.ServicePoints.SwitchState? state) => state is { } s ? $", switch {s}" : "";

    static object[] Readings(IReadOnlyList<ServiceOrders.Contracts.ServicePoints.Reading>? readings) =>
        [.. (readings ?? []).Select(r => new { r.Register, r.Value, r.Unit, r.Kind }).OrderBy(r => r.Register, StringComparer.Ordinal)];

    static AnswerOutcome From(string summary, object content) =>
        new(summary, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, ServiceOrdersJson.Options))))[..16]);
}
