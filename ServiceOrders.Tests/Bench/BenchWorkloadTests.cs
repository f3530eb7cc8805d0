using ServiceOrders.Api.Registry;
using ServiceOrders.Cli.Bench;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Tests.Bench;

/// <summary>
/// What the bench's figures rest on: the service points it registers are the ones the registry import reads back, each
/// order has its own service point (so no conflict rule holds one back), and the percentiles are nearest-rank ones.
/// </summary>
public sealed class BenchWorkloadTests
{
    public static TheoryData<string> Workloads => new() { "reconnect", "mix", "open", "mass-disconnect", "burst" };

    static BenchWorkload Workload(string name, int count) => name switch
    {
        BenchWorkloads.Reconnect => BenchWorkloads.ReconnectOrders(name, "t1", count),
        BenchWorkloads.Mix => BenchWorkloads.MixOrders("t1", count),
        BenchWorkloads.Open => BenchWorkloads.OpenOrders("t1", count),
        BenchWorkloads.Burst => BenchWorkloads.BurstOrders("t1", new BurstSizes(count - 15, 5, 2, 10)),
        _ => BenchWorkloads.MassDisconnectOrders("t1", count),
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void TheRegistryImportReadsBackTheServicePointsTheBenchRegisters(string name)
    {
        var workload = Workload(name, 40);

        var parsed = ServicePointCsv.Parse(new StringReader(System.Text.Encoding.UTF8.GetString(BenchWorkload.Csv(workload.Points))));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.ToString())));
        Assert.Equal(workload.Points, parsed.ServicePoints);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void EachOrderIsValid_HasItsOwnServicePoint_AndAnIdTheBenchCanPickOut(string name)
    {
        var workload = Workload(name, 40);

        Assert.Equal(40, workload.Orders.Count);
        Assert.Equal(40, workload.Orders.Select(o => o.ServicePointId).Distinct().Count());
        Assert.All(workload.Orders, o =>
        {
            Assert.StartsWith(BenchWorkload.IdPrefix, o.RequestId, StringComparison.Ordinal);
            Assert.Contains(workload.Points, p => p.ServicePointId == o.ServicePointId);
            Assert.Empty(ServiceOrderValidator.Validate(o, DateTimeOffset.UtcNow));
        });
    }

    [Fact]
    public void TheBurst_SendsItsCutsFirst_ThenMoveInsAndReconnectsInTurn()
    {
        var workload = BenchWorkloads.BurstOrders("t1", new BurstSizes(20, 5, 2, 4));

        Assert.Equal(29, workload.Orders.Count);
        Assert.All(workload.Orders.Take(25), o => Assert.Equal(ServiceOrders.Contracts.Orders.RequestType.CutForNonPayment, o.RequestType));
        Assert.Equal(
            [ServiceOrders.Contracts.Orders.RequestType.EnableService, ServiceOrders.Contracts.Orders.RequestType.ReconnectForPayment, ServiceOrders.Contracts.Orders.RequestType.EnableService, ServiceOrders.Contracts.Orders.RequestType.ReconnectForPayment],
            workload.Orders.Skip(25).Select(o => o.RequestType));
    }

    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var p = Percentiles.Of([.. Enumerable.Range(1, 100).Select(i => (double)i).Reverse()])!;

        Assert.Equal((100, 50.0, 95.0, 99.0, 100.0), (p.Count, p.P50, p.P95, p.P99, p.Max));
        Assert.Equal(7.0, Percentiles.Of([7.0])!.P99);
        Assert.Null(Percentiles.Of([]));
    }
}
