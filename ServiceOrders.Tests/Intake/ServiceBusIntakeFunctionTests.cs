using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Functions.Triggers;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.Intake;

/// <summary>
/// The Functions app's Service Bus trigger as the default build compiles it: the host settles by auto-completion, so
/// returning completes a message and throwing abandons it; a bad message is kept on the poison queue (Azurite) first.
/// The Durable Functions client is a mock of its two calls that starting an order makes.
/// </summary>
public class ServiceBusIntakeFunctionTests
{
    static readonly QueueServiceClient Queues = new(TestStorage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    readonly RecordingCisReplies replies = new();

    readonly Mock<DurableTaskClient> client = new("test") { CallBase = false };

    readonly List<(string InstanceId, ServiceOrderStart Input)> scheduled = [];

    public ServiceBusIntakeFunctionTests()
    {
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => scheduled.Any(s => s.InstanceId == id) ? new OrchestrationMetadata("ServiceOrder", id) : null);
        client.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => scheduled.Any(s => s.InstanceId == id) ? new OrchestrationMetadata("ServiceOrder", id) : null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? input, StartOrchestrationOptions? options, CancellationToken _) => scheduled.Add((options!.InstanceId!, (ServiceOrderStart)input!)))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
    }

    ServiceBusIntakeFunction NewFunction() =>
        new(NewIntake(replies, FastRetries(maxDeliveryCount: 3)), new IntakePoisonQueue(new StorageQueues(Queues), Microsoft.Extensions.Options.Options.Create(FastRetries()), TimeProvider.System));

    static async Task<JsonElement?> PoisonRecordAsync(string messageId)
    {
        var poison = Queues.GetQueueClient(QueueNames.ServiceOrderRequestsPoison);
        foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
        {
            using var record = JsonDocument.Parse(message.Body.ToString());
            if (record.RootElement.GetProperty("messageId").GetString() == messageId)
            {
                return record.RootElement.Clone();
            }
        }

        return null;
    }

    [Fact]
    public async Task AValidRequest_StartsTheOrchestrationUnderTheRequestId_AndReturns()
    {
        var requestId = NewId("REQ");

        await NewFunction().RunAsync(Encoding.UTF8.GetBytes(ReadMeterJson(requestId, "SP-1")), "m-1", 1, client.Object, CancellationToken.None);

        var (instanceId, input) = Assert.Single(scheduled);
        Assert.Equal(requestId, instanceId);
        Assert.Equal(RequestType.ReadMeter, input.Request.RequestType);
        Assert.Equal(ServiceOrderStart.CurrentRevision, input.Revision);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == WorkflowNames.ServiceOrder), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ARedelivery_StartsNothing_AndReturns()
    {
        var body = Encoding.UTF8.GetBytes(ReadMeterJson(NewId("REQ"), "SP-1"));
        var function = NewFunction();

        await function.RunAsync(body, "m-2", 1, client.Object, CancellationToken.None);
        await function.RunAsync(body, "m-2", 2, client.Object, CancellationToken.None);

        Assert.Single(scheduled);
    }

    [Fact]
    public async Task ABadRequest_IsKeptOnThePoisonQueueWithItsReason_TheCisIsTold_AndTheMessageIsCompleted()
    {
        var requestId = NewId("REQ");
        var messageId = Guid.NewGuid().ToString("N");

        await NewFunction().RunAsync(
            Encoding.UTF8.GetBytes($$"""{"requestId":"{{requestId}}","requestType":"ReadMeter"}"""), messageId, 1, client.Object, CancellationToken.None);

        Assert.Empty(scheduled);
        Assert.Equal(CisReplyKind.Rejected, Assert.Single(replies.Replies).Kind);
        var record = await PoisonRecordAsync(messageId);
        Assert.NotNull(record);
        Assert.Equal(requestId, record.Value.GetProperty("requestId").GetString());
        Assert.Equal(IntakeReasons.MalformedRequest, record.Value.GetProperty("reason").GetString());
        Assert.Contains(ReasonCodes.MissingField, record.Value.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task WhenStorageIsUnavailable_TheFunctionThrows_SoTheHostAbandonsTheMessage()
    {
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException(503, "The server is busy."));

        var error = await Assert.ThrowsAsync<IntakeRetryException>(() =>
            NewFunction().RunAsync(Encoding.UTF8.GetBytes(ReadMeterJson("REQ-F-1", "SP-1")), "m-3", 1, client.Object, CancellationToken.None));

        Assert.IsType<Azure.RequestFailedException>(error.InnerException);
    }

    [Fact]
    public async Task OnTheLastAllowedDelivery_AFailingMessageIsKeptOnThePoisonQueue_AndCompleted()
    {
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException(503, "The server is busy."));
        var messageId = Guid.NewGuid().ToString("N");

        await NewFunction().RunAsync(Encoding.UTF8.GetBytes(ReadMeterJson("REQ-F-2", "SP-1")), messageId, 3, client.Object, CancellationToken.None);

        var record = await PoisonRecordAsync(messageId);
        Assert.Equal(IntakeReasons.TransientFailure, record!.Value.GetProperty("reason").GetString());
        Assert.Equal(3, record.Value.GetProperty("deliveryCount").GetInt32());
    }
}
