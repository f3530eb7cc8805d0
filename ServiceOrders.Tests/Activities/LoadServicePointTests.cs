using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Activities;

/// <summary>The workflow reads service points through the same rules as the API: a row that breaks them is not planned on.</summary>
public class LoadServicePointTests
{
    static Task<ServicePoint?> LoadAsync(ServicePoint? registered)
    {
        var registry = new Mock<IServicePointRegistry>();
        registry.Setup(r => r.GetAsync(new ServicePointId("SP-1"), It.IsAny<CancellationToken>())).ReturnsAsync(registered);
        return new LoadServicePoint(registry.Object, NullLogger<LoadServicePoint>.Instance).RunAsync(new ServicePointId("SP-1"), CancellationToken.None);
    }

    [Fact]
    public async Task AValidServicePoint_IsLoaded()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("SM-1", MeterClass.Smart, true, SwitchState.Connected));

        Assert.Equal(point, await LoadAsync(point));
    }

    [Fact]
    public async Task AnUnregisteredServicePoint_IsNull() =>
        Assert.Null(await LoadAsync(null));

    [Theory]
    [InlineData(MeterClass.Amr, false)]
    [InlineData(MeterClass.Smart, true)]
    public async Task AServicePointThatBreaksTheRegistryRules_IsNotPlannedOn(MeterClass meterClass, bool unmetered)
    {
        // A commissioned AMR meter, or an unmetered item with a meter: rows a PUT used to let through.
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M-1", meterClass, true, SwitchState.Connected), Unmetered: unmetered);

        Assert.Null(await LoadAsync(point));
    }
}
