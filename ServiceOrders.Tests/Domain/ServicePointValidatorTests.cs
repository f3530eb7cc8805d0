using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.ServicePoints;
using Fields = ServiceOrders.Domain.ServicePoints.ServicePointValidator.Fields;

namespace ServiceOrders.Tests.Domain;

public class ServicePointValidatorTests
{
    static readonly Meter Smart = new("SM-1", MeterClass.Smart, Commissioned: true, SwitchState.Connected, IntervalCapable: true, "he-1");

    public static TheoryData<ServicePoint> ValidPoints => new()
    {
        new ServicePoint("SP-1", Commodity.Electric, Smart),
        new ServicePoint("SP-2", Commodity.Gas, new Meter("AMR-2", MeterClass.Amr, false, SwitchState.Disconnected)),
        new ServicePoint("SP-3", Commodity.Water, Meter: null),
        new ServicePoint("SP-4", Commodity.Electric, Meter: null, Unmetered: true, ItemSwitch: SwitchState.Connected),
    };

    [Theory]
    [MemberData(nameof(ValidPoints))]
    public void AConsistentServicePoint_HasNoErrors(ServicePoint point) =>
        Assert.Empty(ServicePointValidator.Validate(point, point.ServicePointId));

    public static TheoryData<ServicePoint, string, string> InvalidPoints => new()
    {
        { new ServicePoint("", Commodity.Electric, null), Fields.ServicePointId, ReasonCodes.MissingField },
        { new ServicePoint("SP 1", Commodity.Electric, null), Fields.ServicePointId, ReasonCodes.InvalidId },
        { new ServicePoint("SP-1", (Commodity)7, null), Fields.Commodity, ReasonCodes.InvalidValue },
        { new ServicePoint("SP-1", Commodity.Electric, Smart with { MeterId = "SM/1" }), Fields.MeterId, ReasonCodes.InvalidId },
        { new ServicePoint("SP-1", Commodity.Electric, Smart with { Class = (MeterClass)9 }), Fields.MeterClass, ReasonCodes.InvalidValue },
        { new ServicePoint("SP-1", Commodity.Electric, Smart with { Switch = (SwitchState)9 }), Fields.Switch, ReasonCodes.InvalidValue },
        { new ServicePoint("SP-1", Commodity.Electric, Smart with { HeadEndId = "a:b" }), Fields.HeadEndId, ReasonCodes.InvalidId },
        { new ServicePoint("SP-1", Commodity.Electric, Smart with { Class = MeterClass.Amr }), Fields.Commissioned, RegistryErrorCodes.InconsistentRow },
        { new ServicePoint("SP-1", Commodity.Electric, Smart, Unmetered: true), Fields.Unmetered, RegistryErrorCodes.InconsistentRow },
        { new ServicePoint("SP-1", Commodity.Electric, Smart, ItemSwitch: SwitchState.Connected), Fields.ItemSwitch, RegistryErrorCodes.InconsistentRow },
        { new ServicePoint("SP-1", Commodity.Electric, null, Unmetered: true, ItemSwitch: (SwitchState)9), Fields.ItemSwitch, ReasonCodes.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(InvalidPoints))]
    public void AServicePointThatBreaksARule_HasThatOneError(ServicePoint point, string field, string code)
    {
        var error = Assert.Single(ServicePointValidator.Validate(point));

        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void ABodyNamingAnotherServicePointThanTheRoute_IsRefused()
    {
        var error = Assert.Single(ServicePointValidator.Validate(new ServicePoint("SP-B", Commodity.Electric, null), routeId: "SP-A"));

        Assert.Equal((Fields.ServicePointId, ReasonCodes.InvalidId, ServicePointMessages.NotTheRouteId), (error.Field, error.Code, error.Message));
    }

    [Fact]
    public void EveryBrokenRule_IsReported_NotOnlyTheFirst()
    {
        var point = new ServicePoint("SP 1", Commodity.Electric, new Meter("M/1", MeterClass.Manual, true, SwitchState.Unknown), Unmetered: true);

        Assert.Equal(
            [Fields.ServicePointId, Fields.MeterId, Fields.Commissioned, Fields.Unmetered],
            ServicePointValidator.Validate(point).Select(e => e.Field));
    }

    [Fact]
    public void AHostileValue_IsQuotedBackClipped()
    {
        var error = Assert.Single(ServicePointValidator.Validate(new ServicePoint(new string('x', 10_000) + " ", Commodity.Gas, null)));

        Assert.True(error.Message.Length < 200, error.Message);
    }
}
