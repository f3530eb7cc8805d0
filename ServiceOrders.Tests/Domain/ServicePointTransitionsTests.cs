using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Tests.Domain;

public class ServicePointTransitionsTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly ServicePoint Empty = new("SP-1", Commodity.Electric, Meter: null);
    static readonly ServicePoint SmartOff = new("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Smart, true, SwitchState.Disconnected));

    [Fact]
    public void AnInstalledMeter_IsRegisteredUncommissionedAndOff()
    {
        var report = new ActivityReport("R.1", ActivityKind.InstallMeter, ActivityResult.Succeeded, InstalledMeter: new MeterFound("M9", MeterClass.Smart, true));

        var meter = Empty.Apply(report).Meter;

        Assert.Equal(new Meter("M9", MeterClass.Smart, Commissioned: false, SwitchState.Disconnected, IntervalCapable: true), meter);
    }

    [Fact]
    public void ActivatingADevice_CommissionsIt()
    {
        var point = SmartOff with { Meter = SmartOff.Meter! with { Commissioned = false } };

        var after = point.Apply(new ActivityReport("R.1", ActivityKind.ActivateDevice, ActivityResult.Succeeded));

        Assert.True(after.Meter!.Commissioned);
    }

    [Fact]
    public void ARemoteConnect_ClosesTheSwitchEvenWhenTheHeadEndDoesNotSaySo()
    {
        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.RemoteConnect, ActivityResult.Succeeded));

        Assert.True(after.IsOn);
    }

    [Fact]
    public void TheSwitchStateReported_WinsOverTheOneTheActivityImplies()
    {
        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.RemoteConnect, ActivityResult.Succeeded, SwitchState.Armed));

        Assert.Equal(SwitchState.Armed, after.Meter!.Switch);
    }

    [Fact]
    public void AFailedActivity_ChangesNothing()
    {
        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.RemoteConnect, ActivityResult.Failed, SwitchState.Connected,
            [new Reading("1.8.0", 5, "kWh", At)]));

        Assert.Equal(SmartOff, after);
    }

    [Fact]
    public void TheLatestReading_BecomesTheLastReading()
    {
        var older = new Reading("1.8.0", 5, "kWh", At);
        var newer = new Reading("1.8.0", 6, "kWh", At.AddMinutes(15));

        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.ReadScalar, ActivityResult.Succeeded, Readings: [newer, older]));

        Assert.Equal(newer, after.LastReading);
    }

    [Fact]
    public void ACrewFindingAnotherMeterThanRegistered_ReplacesTheRegisteredOne()
    {
        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.TurnOn, ActivityResult.Succeeded, SwitchState.Connected,
            InstalledMeter: new MeterFound("M7", MeterClass.Manual)));

        Assert.Equal("M7", after.Meter!.MeterId);
        Assert.Equal(MeterClass.Manual, after.Meter.Class);
        Assert.True(after.IsOn);
    }

    [Fact]
    public void RemovingTheMeter_LeavesTheServicePointWithoutOne()
    {
        var after = SmartOff.Apply(new ActivityReport("R.1", ActivityKind.RemoveMeter, ActivityResult.Succeeded, RemovedMeterId: "M1"));

        Assert.Null(after.Meter);
    }
}
