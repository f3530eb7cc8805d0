namespace ServiceOrders.Workflow.Ports;

/// <summary>
/// Spreads commands of one kind over time per head-end, so a mass disconnect run does not flood a head-end (or the
/// field crews that follow up). Each reservation is idempotent by its key.
/// </summary>
public interface ICommandPacer
{
    /// <summary>Reserves a slot and returns the time from which the command may be sent.</summary>
    Task<DateTimeOffset> ReserveAsync(string headEndId, string reservationKey, DateTimeOffset now, TimeSpan spacing, CancellationToken cancellationToken);
}
