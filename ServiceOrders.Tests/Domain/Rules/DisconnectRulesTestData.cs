using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Rules;

namespace ServiceOrders.Tests.Domain.Rules;

/// <summary>Requests, forecasts and instants shared by the disconnect rule tests.</summary>
internal static class DisconnectRulesTestData
{
    public static readonly TimeSpan Cst = TimeSpan.FromHours(-6);
    public static readonly TimeSpan Cdt = TimeSpan.FromHours(-5);

    public static ServiceOrderRequest Cut(bool lifeSupport = false) =>
        new("REQ-1", RequestType.CutForNonPayment, "SP-1", Commodity.Electric, MeterId: "M1", Account: new AccountFlags(lifeSupport));

    /// <summary>An hourly forecast over the next 72 hours at one temperature.</summary>
    public static WeatherForecast Steady(DateTimeOffset from, decimal temperatureF) =>
        new([.. Enumerable.Range(0, 73).Select(h => new ForecastPoint(from.AddHours(h), temperatureF))]);

    public static WeatherForecast Mild(DateTimeOffset from) => Steady(from, 60m);

    /// <summary>The verdict for a cut with mild weather, as most calendar tests want it.</summary>
    public static DisconnectVerdict CheckInMildWeather(DisconnectPolicy policy, DateTimeOffset now, DateTimeOffset? firstBlockedAt = null) =>
        DisconnectRules.Check(policy, Cut(), now, Mild(now), firstBlockedAt);

    /// <summary>Asserts a wait until exactly <paramref name="until"/>, offset included (equality of instants ignores it).</summary>
    public static DisconnectNotBefore AssertWaitsUntil(DateTimeOffset until, string reasonCode, DisconnectVerdict verdict)
    {
        var wait = Assert.IsType<DisconnectNotBefore>(verdict);
        Assert.Equal(reasonCode, wait.ReasonCode);
        Assert.Equal(until, wait.Until);
        Assert.Equal(until.Offset, wait.Until.Offset);
        return wait;
    }
}
