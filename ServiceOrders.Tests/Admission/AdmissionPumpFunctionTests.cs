using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Functions.Triggers;

namespace ServiceOrders.Tests.Admission;

/// <summary>The Functions app's timer pump: one invocation drains full batches while slots are free, and does nothing when admission is off.</summary>
public class AdmissionPumpFunctionTests
{
    [Fact]
    public async Task OneInvocation_StartsBatchAfterBatch_UpToTheLimit()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 7, batchSize: 3);
        for (var i = 0; i < 10; i++)
        {
            await rig.TakeInAsync(RequestType.ReadMeter);
        }

        var function = new AdmissionPumpFunction(rig.NewPump(), Options.Create(rig.Settings), rig.Clock);
        var started = await function.RunCyclesAsync(rig.Engine, CancellationToken.None);

        Assert.Equal(7, started);
        Assert.Equal(3, (await rig.Store.NextAsync(10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task WithAdmissionOff_ItStartsNothing()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        await rig.TakeInAsync(RequestType.ReadMeter);

        var off = new AdmissionOptions { MaxOrdersInProgress = 0, TableName = rig.Settings.TableName };
        var function = new AdmissionPumpFunction(rig.NewPump(), Options.Create(off), rig.Clock);

        Assert.Equal(0, await function.RunCyclesAsync(rig.Engine, CancellationToken.None));
        Assert.Empty(rig.Engine.Calls);
    }
}
