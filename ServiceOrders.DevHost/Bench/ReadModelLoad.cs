using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// Fills the order list with made-up orders for the read model bench: ids <c>RM-000000</c> on, received over the last 7
/// days (the newest first), 10 per service point, mostly ended, some open or in exception, in every request type,
/// commodity, meter class and two requesting systems. Loads in the background; the bench polls <see cref="Loaded"/>.
/// </summary>
public sealed partial class ReadModelLoad(IOrderIndex index, TimeProvider time, ILogger<ReadModelLoad> logger)
{
    const int Chunk = 5_000;

    int loaded;
    int total;
    string? failure;

    public int Loaded => Volatile.Read(ref loaded);

    public int Total => Volatile.Read(ref total);

    public string? Failure => Volatile.Read(ref failure);

    public bool Start(int count)
    {
        if (index is not TableOrderIndex table || Interlocked.CompareExchange(ref total, count, 0) != 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        _ = Task.Run(async () =>
        {
            try
            {
                for (var start = 0; start < count; start += Chunk)
                {
                    var entries = Enumerable.Range(start, Math.Min(Chunk, count - start)).Select(i => Entry(i, count, now)).ToList();
                    await table.LoadAsync(entries, CancellationToken.None);
                    Interlocked.Add(ref loaded, entries.Count);
                }
            }
            catch (Exception e) when (e is Azure.RequestFailedException or InvalidOperationException or AggregateException)
            {
                Volatile.Write(ref failure, e.Message);
                LogLoadFailed(logger, e.Message);
            }
        });
        return true;
    }

    /// <summary>The <paramref name="i"/>th order: the same for the same i, count and start.</summary>
    public static OrderIndexEntry Entry(int i, int count, DateTimeOffset now)
    {
        var received = now - TimeSpan.FromTicks(TimeSpan.FromDays(7).Ticks / count * i) - TimeSpan.FromMinutes(1);
        var status = (i % 100) switch
        {
            < 10 => OrderStatus.Open,
            < 12 => OrderStatus.Exception,
            < 15 => OrderStatus.Failed,
            < 18 => OrderStatus.Cancelled,
            < 20 => OrderStatus.Rejected,
            _ => OrderStatus.Completed,
        };
        var type = (RequestType)(i % 9);
        return new OrderIndexEntry(
            $"RM-{i:D6}",
            $"SP-RM-{i % (count / 10 + 1):D5}",
            type,
            status,
            status is OrderStatus.Exception or OrderStatus.Failed ? "Timeout" : null,
            received,
            received.AddMinutes(i % 240),
            i % 3 == 0 ? Commodity.Gas : Commodity.Electric,
            (i % 4) switch { 0 => MeterClass.Manual, 1 => MeterClass.Amr, _ => MeterClass.Smart },
            i % 5 == 0 ? "BILLING" : "CIS",
            status == OrderStatus.Open ? (type == RequestType.CutForNonPayment ? "Deferral:NoCutsOnFriday" : "Crew") : null,
            status == OrderStatus.Open ? now.AddDays(1 + i % 10) : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model bench load failed: {Error}")]
    static partial void LogLoadFailed(ILogger logger, string error);
}
