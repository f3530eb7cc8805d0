using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Functions.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Functions;

/// <summary>
/// The Functions app's start-once path, over a Durable Task client double that behaves like the Functions host: the
/// look for an instance finds none until a start took effect, and a start of an id that has an instance is refused
/// with AlreadyExists, which the gRPC client raises as <see cref="OrchestrationAlreadyExistsException"/>.
/// </summary>
public class DurableFunctionsOrderEngineTests
{
    /// <summary>How many starts took effect, and how many were tried.</summary>
    sealed class ClientDouble
    {
        int tried;
        int effected;

        public ClientDouble(Func<Exception> refusal, bool instanceVisible)
        {
            Client
                .Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
                .Returns((string id, bool _, CancellationToken _) => Task.FromResult(
                    instanceVisible && Volatile.Read(ref effected) > 0 ? new OrchestrationMetadata(WorkflowNames.ServiceOrder, id) : null));
            Client
                .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
                .Returns(async (TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
                {
                    Interlocked.Increment(ref tried);

                    // Slow enough that the other delivery arrives while this start is under way.
                    await Task.Delay(50, CancellationToken.None);
                    if (Interlocked.Increment(ref effected) > 1)
                    {
                        Interlocked.Decrement(ref effected);
                        throw refusal();
                    }

                    return options!.InstanceId!;
                });
        }

        public Mock<DurableTaskClient> Client { get; } = new("test") { CallBase = false };

        public int Tried => Volatile.Read(ref tried);

        public int Effected => Volatile.Read(ref effected);
    }

    static async Task<bool[]> StartTwiceAtOnceAsync(ClientDouble client)
    {
        var orderId = $"REQ-{Guid.NewGuid():N}";
        using var go = new ManualResetEventSlim();
        var starts = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(async () =>
            {
                go.Wait();
                return await new DurableFunctionsOrderEngine(client.Client.Object).StartAsync(new OrderId(orderId), new { orderId }, CancellationToken.None);
            }))
            .ToArray();
        go.Set();
        return await Task.WhenAll(starts);
    }

    [Fact]
    public async Task TwoDeliveriesAtOnce_StartOneOrchestration_OneCallerHearsDuplicate()
    {
        // Neither look finds an instance (as when both look before either start is stored).
        var client = new ClientDouble(() => new OrchestrationAlreadyExistsException("An Orchestration instance with the ID already exists."), instanceVisible: false);

        var results = await StartTwiceAtOnceAsync(client);

        Assert.Single(results, started => started);
        Assert.Single(results, started => !started);
        Assert.Equal(1, client.Effected);
    }

    [Fact]
    public async Task TwoDeliveriesAtOnce_WithTheRefusalOfOlderClients_OneCallerHearsDuplicate()
    {
        var client = new ClientDouble(() => new RpcException(new Status(StatusCode.AlreadyExists, "already exists.")), instanceVisible: false);

        var results = await StartTwiceAtOnceAsync(client);

        Assert.Equal([false, true], results.Order());
        Assert.Equal(1, client.Effected);
    }

    [Fact]
    public async Task TwoDeliveriesAtOnce_InOneProcess_TryOneStartOnly()
    {
        // The second delivery waits for the first's start, then finds its instance: it does not even try to start.
        var client = new ClientDouble(() => new OrchestrationAlreadyExistsException("exists"), instanceVisible: true);

        var results = await StartTwiceAtOnceAsync(client);

        Assert.Equal([false, true], results.Order());
        Assert.Equal(1, client.Tried);
        Assert.Equal(1, client.Effected);
    }

    [Fact]
    public async Task AnotherFailureToStart_IsNotTakenForADuplicate()
    {
        var client = new ClientDouble(() => new RpcException(new Status(StatusCode.Unavailable, "down")), instanceVisible: false);
        client.Client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unavailable, "down")));

        await Assert.ThrowsAsync<RpcException>(() =>
            new DurableFunctionsOrderEngine(client.Client.Object).StartAsync(new OrderId("REQ-1"), new { }, CancellationToken.None));
    }
}
