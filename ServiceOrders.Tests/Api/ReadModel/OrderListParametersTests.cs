using Microsoft.AspNetCore.Http;
using ServiceOrders.Api.ReadModel;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Api.ReadModel;

/// <summary>The order list's parameters and page tokens, as a console or script sends them.</summary>
public class OrderListParametersTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    static QueryCollection Query(string text) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(p => p.Key, p => p.Value));

    static OrderListQuery Valid(string text)
    {
        var (query, errors) = OrderListParameters.Read(Query(text), Now);
        Assert.Empty(errors);
        return query!;
    }

    static IReadOnlyList<string> InvalidFields(string text)
    {
        var (query, errors) = OrderListParameters.Read(Query(text), Now);
        Assert.Null(query);
        return [.. errors.Select(e => e.Field!)];
    }

    [Fact]
    public void EveryFilter_IsRead()
    {
        var query = Valid("status=exception&requestType=CutForNonPayment&meterClass=Smart&commodity=Gas&servicePointId=SP-1&requestingSystem=CIS&q=ORD-1"
            + "&sort=updatedAt&pageSize=20&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");

        Assert.Equal(
            new OrderListQuery(new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), 20, OrderListSort.UpdatedAscending,
                OrderStatus.Exception, RequestType.CutForNonPayment, MeterClass.Smart, Commodity.Gas, new ServicePointId("SP-1"), "CIS", "ORD-1"),
            query);
    }

    [Fact]
    public void WithoutParameters_TheListIsTheLastSevenDaysNewestFirstFiftyAPage() =>
        Assert.Equal(new OrderListQuery(Now.AddDays(-7), Now, 50), Valid(""));

    [Fact]
    public void Top_IsStillAcceptedAsThePageSize() => Assert.Equal(120, Valid("top=120").PageSize);

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("top=1000", "top")]
    [InlineData("top=10&pageSize=10", "top")]
    [InlineData("sort=newest", "sort")]
    [InlineData("requestType=Teleport", "requestType")]
    [InlineData("meterClass=1", "meterClass")]
    [InlineData("commodity=Water,Gas", "commodity")]
    [InlineData("q=ORD%201", "q")]
    [InlineData("requestingSystem=a/b", "requestingSystem")]
    [InlineData("pageToken=nonsense", "pageToken")]
    [InlineData("pageToken=e30.AAAA", "pageToken")]
    public void AnInvalidParameter_IsNamedInTheErrors(string text, string field) => Assert.Contains(field, InvalidFields(text));

    [Fact]
    public void ATokenItGave_LeadsToThePageAfter_InTheFirstPagesWindow()
    {
        var first = Query("status=Open&pageSize=10");
        var query = Valid("status=Open&pageSize=10");
        var cursor = new OrderListCursor(Now.AddHours(-3), new OrderId("ORD-7"));
        var token = OrderListParameters.Encode(first, query, cursor);

        var (next, errors) = OrderListParameters.Read(Query($"status=Open&pageSize=10&pageToken={token}"), Now.AddHours(1));

        Assert.Empty(errors);
        Assert.Equal(query with { After = cursor }, next);
    }

    [Fact]
    public void ATokenChangedByHand_OrSentWithOtherFilters_IsRefused()
    {
        var first = Query("status=Open");
        var token = OrderListParameters.Encode(first, Valid("status=Open"), new OrderListCursor(Now.AddHours(-3), new OrderId("ORD-7")));
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.Contains("pageToken", InvalidFields($"status=Open&pageToken={tampered}"));
        Assert.Contains("pageToken", InvalidFields($"status=Exception&pageToken={token}"));
        Assert.Contains("pageToken", InvalidFields($"pageToken={token}"));
    }
}
