using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Tests.Domain;

public class RequestContentTests
{
    static readonly ServiceOrderRequest Request = new(
        "REQ-1", RequestType.ExchangeMeter, "SP-1", Commodity.Electric, "M-1", new MeterFound("M-2", MeterClass.Smart), ReadKind.Scalar,
        new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), Emergency: false, "CIS", new AccountFlags(LifeSupport: true), new Contact("Ann", "555", "1 Main St"));

    /// <summary>One change to each field of the request but its id, named as it is in JSON.</summary>
    static readonly (string Field, ServiceOrderRequest Changed)[] OneFieldChanged =
    [
        ("requestType", Request with { RequestType = RequestType.RemoveMeter }),
        ("servicePointId", Request with { ServicePointId = "SP-2" }),
        ("commodity", Request with { Commodity = Commodity.Gas }),
        ("meterId", Request with { MeterId = "m-1" }),
        ("newMeter", Request with { NewMeter = new MeterFound("M-2", MeterClass.Amr) }),
        ("readKind", Request with { ReadKind = ReadKind.Interval }),
        ("requestedDate", Request with { RequestedDate = Request.RequestedDate!.Value.AddMinutes(1) }),
        ("emergency", Request with { Emergency = true }),
        ("requestingSystem", Request with { RequestingSystem = "CIS-2" }),
        ("account", Request with { Account = null }),
        ("contact", Request with { Contact = Request.Contact! with { Phone = "556" } }),
    ];

    [Fact]
    public void TheSameRequest_HasNoDifferences_AndTheSameFingerprint()
    {
        var copy = Request with { NewMeter = Request.NewMeter! with { }, Contact = Request.Contact! with { } };

        Assert.Empty(RequestContent.Differences(Request, copy));
        Assert.Equal(RequestContent.Fingerprint(Request), RequestContent.Fingerprint(copy));
    }

    [Fact]
    public void TheSameInstant_WrittenWithAnotherOffset_IsTheSame() =>
        Assert.Empty(RequestContent.Differences(Request, Request with { RequestedDate = Request.RequestedDate!.Value.ToOffset(TimeSpan.FromHours(-6)) }));

    [Fact]
    public void AnAbsentValue_IsTheSameAsItsDefault()
    {
        var bare = new ServiceOrderRequest("REQ-1", RequestType.ReadMeter, "SP-1", Commodity.Water);
        var spelledOut = bare with { MeterId = "", Account = new AccountFlags(), Contact = new Contact(), RequestingSystem = "CIS" };

        Assert.Empty(RequestContent.Differences(bare, spelledOut));
    }

    [Fact]
    public void AnotherTraceContext_IsTheSameRequest() =>
        Assert.Empty(RequestContent.Differences(
            Request with { TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TraceState = "cis=1" },
            Request with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }));

    [Fact]
    public void EachFieldButTheId_CountsAsContent()
    {
        // The trace context says how the request travelled, not what it asks for.
        var fields = typeof(ServiceOrderRequest).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .Where(n => n is not ("requestId" or "traceParent" or "traceState"));
        Assert.Equal(fields.Order(), OneFieldChanged.Select(c => c.Field).Order());

        foreach (var (field, changed) in OneFieldChanged)
        {
            Assert.Equal([field], RequestContent.Differences(Request, changed));
            Assert.NotEqual(RequestContent.Fingerprint(Request), RequestContent.Fingerprint(changed));
        }
    }

    [Fact]
    public void Differences_ListEveryChangedField_InTheRequestsOrder() =>
        Assert.Equal(["requestType", "servicePointId", "contact"],
            RequestContent.Differences(Request, Request with { Contact = null, ServicePointId = "SP-9", RequestType = RequestType.ReadMeter }));
}
