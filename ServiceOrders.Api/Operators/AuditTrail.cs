using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.Operators;

/// <summary>
/// Writes the audit entry of each change made through the API, before the change is passed on, and asks a person
/// for a reason. Subjects: the order id for a change to an order; <see cref="ServicePointSubject"/>,
/// <see cref="SubscriptionSubject"/> and <see cref="BulkActionSubject"/> for the others.
/// </summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public const string Accepted = "Accepted";

    public static string ServicePointSubject(string servicePointId) => $"servicepoint-{servicePointId}";

    public static string SubscriptionSubject(string subscriptionId) => $"subscription-{subscriptionId}";

    public const string RegistryImportSubject = "registry-import";

    public static string BulkActionSubject(string bulkActionId) => bulkActionId;

    public Task RecordAsync(
        string subject, Caller caller, string action, string? reason, string? note, string outcome, string? target, CancellationToken cancellationToken) =>
        log.WriteAsync(subject, new AuditEntry(time.GetUtcNow(), caller.Actor, action, reason, note, outcome, target), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string subject, CancellationToken cancellationToken) => log.ListAsync(subject, cancellationToken);

    /// <summary>A person must say why, with a code of <see cref="AuditReasons"/>; a system may give one or none. Null when fine.</summary>
    public static IResult? CheckReason(Caller caller, string? reason)
    {
        if (reason is null ? !caller.IsPerson : AuditReasons.IsKnown(reason))
        {
            return null;
        }

        return Results.Problem(
            detail: reason is null
                ? $"A person acting on an order gives a reason: one of {Codes}."
                : $"'{Printable(reason)}' is not a reason; use one of {Codes}.",
            statusCode: StatusCodes.Status400BadRequest,
            title: ProblemTitles.ReasonRequired);
    }

    static string Codes => string.Join(", ", AuditReasons.All.Select(r => r.Key));

    static string Printable(string value) => value.Length > 40 || value.Any(char.IsControl) ? "(an invalid value)" : value;
}
