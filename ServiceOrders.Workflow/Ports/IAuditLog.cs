using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>
/// The audit trail: who changed what, when and why. Entries are kept per subject (an order id; a registry or
/// subscription change under its own subject), in the order they were written, and never changed.
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(string subject, AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The subject's entries, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string subject, CancellationToken cancellationToken);
}
