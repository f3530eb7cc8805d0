using Azure.Data.Tables;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Adapters.Storage;

/// <summary>
/// The order list in Azurite, a table of its own: every filter and sort, paged, gives exactly the orders a reader of the
/// whole list would pick, in the same order, each once.
/// </summary>
public class TableOrderIndexTests
{
    static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    static TableOrderIndex NewIndex() =>
        new(new StorageTables(new TableServiceClient(TestStorage.ConnectionString)), $"OrderIndexTest{Guid.NewGuid():N}"[..30]);

    /// <summary>
    /// 40 orders over 4 days: statuses, types, service points, commodities, meter classes and systems in turn, some
    /// received at the same instant (ties go by id), updated in an order unlike the receipt order.
    /// </summary>
    static readonly IReadOnlyList<OrderIndexEntry> Known = [.. Enumerable.Range(0, 40).Select(i => new OrderIndexEntry(
        $"ORD-{i:D3}",
        $"SP-{i % 5}",
        (RequestType)(i % 3),
        (OrderStatus)(i % 4),
        i % 4 == 1 ? "Timeout" : null,
        T0.AddHours(i / 2 * 2.5),
        T0.AddHours(100 - (i * 7 % 40)),
        i % 2 == 0 ? Commodity.Electric : Commodity.Gas,
        i % 3 == 0 ? MeterClass.Smart : MeterClass.Amr,
        i % 4 < 2 ? "CIS" : "BILLING"))];

    static async Task<TableOrderIndex> KnownIndexAsync()
    {
        var index = NewIndex();
        foreach (var entry in Known)
        {
            await index.UpsertAsync(entry, CancellationToken.None);
        }

        return index;
    }

    static async Task<List<List<string>>> PagesAsync(IOrderIndex index, OrderListQuery query)
    {
        var pages = new List<List<string>>();
        for (var q = query; pages.Count < 100;)
        {
            var page = await index.PageAsync(q, CancellationToken.None);
            Assert.True(page.Items.Count <= query.PageSize);
            pages.Add([.. page.Items.Select(e => e.OrderId)]);
            if (page.Next is null)
            {
                return pages;
            }

            q = q with { After = page.Next };
        }

        throw new InvalidOperationException("The list never ended.");
    }

    static IEnumerable<OrderIndexEntry> Expected(OrderListQuery q)
    {
        var matching = Known.Where(e => e.ReceivedAt >= q.From && e.ReceivedAt <= q.To
            && (q.Status is null || e.Status == q.Status)
            && (q.RequestType is null || e.RequestType == q.RequestType)
            && (q.MeterClass is null || e.MeterClass == q.MeterClass)
            && (q.Commodity is null || e.Commodity == q.Commodity)
            && (q.ServicePointId is null || e.ServicePointId == q.ServicePointId.Value.Value)
            && (q.RequestingSystem is null || e.RequestingSystem == q.RequestingSystem)
            && (q.IdPrefix is null || e.OrderId.StartsWith(q.IdPrefix, StringComparison.Ordinal)));
        return q.Sort switch
        {
            OrderListSort.ReceivedAscending => matching.OrderBy(e => e.ReceivedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal),
            OrderListSort.UpdatedDescending => matching.OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal),
            OrderListSort.UpdatedAscending => matching.OrderBy(e => e.UpdatedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal),
            _ => matching.OrderByDescending(e => e.ReceivedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal),
        };
    }

    public static TheoryData<string> Queries =>
    [
        "newest first", "status", "service point", "service point and status", "type and commodity", "meter class and system",
        "a window", "oldest first", "last changed first", "unchanged longest with status", "id prefix", "id prefix oldest first",
    ];

    static OrderListQuery Query(string name, int pageSize)
    {
        var all = new OrderListQuery(T0.AddDays(-1), T0.AddDays(10), pageSize);
        return name switch
        {
            "status" => all with { Status = OrderStatus.Exception },
            "service point" => all with { ServicePointId = new ServicePointId("SP-3") },
            "service point and status" => all with { ServicePointId = new ServicePointId("SP-2"), Status = OrderStatus.Completed },
            "type and commodity" => all with { RequestType = RequestType.DisableService, Commodity = Commodity.Gas },
            "meter class and system" => all with { MeterClass = MeterClass.Smart, RequestingSystem = "BILLING" },
            "a window" => all with { From = T0.AddHours(10), To = T0.AddHours(30) },
            "oldest first" => all with { Sort = OrderListSort.ReceivedAscending },
            "last changed first" => all with { Sort = OrderListSort.UpdatedDescending },
            "unchanged longest with status" => all with { Sort = OrderListSort.UpdatedAscending, Status = OrderStatus.Open },
            "id prefix" => all with { IdPrefix = "ORD-01" },
            "id prefix oldest first" => all with { IdPrefix = "ORD-02", Sort = OrderListSort.ReceivedAscending, Status = OrderStatus.Open },
            _ => all,
        };
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task EveryPageTogether_IsExactlyTheMatchingOrdersInOrder_EachOnce(string name)
    {
        var index = await KnownIndexAsync();

        foreach (var pageSize in new[] { 1, 3, 7, 50 })
        {
            var query = Query(name, pageSize);
            var pages = await PagesAsync(index, query);

            var expected = Expected(query).Select(e => e.OrderId).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, pages.SelectMany(p => p));
            Assert.All(pages.SkipLast(1), p => Assert.Equal(pageSize, p.Count));
        }
    }

    [Fact]
    public async Task AnEntry_ReadsBackWithEveryField()
    {
        var index = NewIndex();
        var entry = Known[6] with { WaitingFor = "Deferral:NoCutsOnFriday", WaitingUntil = T0.AddDays(3).AddTicks(1234567) };
        await index.UpsertAsync(entry, CancellationToken.None);

        Assert.Equal(entry, await index.GetAsync(new OrderId(entry.OrderId), CancellationToken.None));
        Assert.Null(await index.GetAsync(new OrderId("ORD-NONE"), CancellationToken.None));
    }

    [Fact]
    public async Task AnOrderThatChangesStatus_LeavesTheOldStatusList()
    {
        var index = NewIndex();
        var open = Known[0] with { Status = OrderStatus.Open };
        await index.UpsertAsync(open, CancellationToken.None);
        await index.UpsertAsync(open with { Status = OrderStatus.Exception }, CancellationToken.None);
        await index.UpsertAsync(open with { Status = OrderStatus.Completed, UpdatedAt = T0.AddHours(5) }, CancellationToken.None);

        var all = new OrderListQuery(T0.AddDays(-1), T0.AddDays(1), 50);
        Assert.Empty((await index.PageAsync(all with { Status = OrderStatus.Open }, CancellationToken.None)).Items);
        Assert.Empty((await index.PageAsync(all with { Status = OrderStatus.Exception }, CancellationToken.None)).Items);
        Assert.Single((await index.PageAsync(all with { Status = OrderStatus.Completed }, CancellationToken.None)).Items);
        Assert.Single((await index.PageAsync(all, CancellationToken.None)).Items);
        Assert.Equal(0, await index.CountAsync(OrderStatus.Open, CancellationToken.None));
        Assert.Equal([open.OrderId], await IdsAsync(index.EndedSinceAsync(T0.AddHours(4), CancellationToken.None)));
        Assert.Empty(await IdsAsync(index.EndedSinceAsync(T0.AddHours(6), CancellationToken.None)));
    }

    static async Task<List<string>> IdsAsync(IAsyncEnumerable<OrderIndexEntry> entries)
    {
        var ids = new List<string>();
        await foreach (var entry in entries)
        {
            ids.Add(entry.OrderId);
        }

        return ids;
    }
}
