using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.Intake;

/// <summary>
/// The standalone host's intake without Service Bus: a request put on its storage intake queue by a sender that knows
/// only the documented format (base64 of the JSON request), and what comes out. The queue is the host's own
/// (<c>Intake:QueueName</c>), since other test hosts take requests from the default <c>service-order-requests</c>.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class StorageQueueIntakeEndToEndTests(StandaloneHostFixture host)
{
    static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    readonly QueueClient intake = new(TestStorage.ConnectionString, StandaloneHostFixture.IntakeQueue, Base64);

    readonly QueueClient poison = new(TestStorage.ConnectionString, StandaloneHostFixture.IntakeQueue + "-poison", Base64);

    async Task<string> SendAsync(string json)
    {
        await intake.CreateIfNotExistsAsync();
        return (await intake.SendMessageAsync(json)).Value.MessageId;
    }

    /// <summary>Waits for the poison record that matches; poison records are few, so peeking sees them all.</summary>
    async Task<JsonElement> WaitForPoisonAsync(Func<JsonElement, bool> match, string what)
    {
        using var record = await Eventually.GetAsync(async () =>
        {
            if (!(await poison.ExistsAsync()).Value)
            {
                return null;
            }

            foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
            {
                var document = JsonDocument.Parse(message.Body.ToString());
                if (match(document.RootElement))
                {
                    return document;
                }

                document.Dispose();
            }

            return null;
        }, what);
        return record.RootElement.Clone();
    }

    [Fact]
    public async Task ARequestPutOnTheIntakeQueue_StartsAnOrderThatCompletes_AndTheCisHearsTheOutcome()
    {
        var requestId = NewId("REQ");

        await SendAsync(ReadMeterJson(requestId, await host.RegisterSmartMeterAsync()));

        await host.WaitForReplyAsync(requestId, CisReplyKind.Acknowledged);
        var completed = await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        Assert.Single(completed.Readings!);
        // The reply goes out before the order's last steps (notify, release), so the order ends just after it.
        var order = await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options) is { RuntimeStatus: EngineStatus.Completed } done ? done : null,
            $"order {requestId} to end");
        Assert.Equal(OrderOutcome.Completed, order.Outcome);
    }

    [Fact]
    public async Task APlainJsonMessage_IsTakenToo()
    {
        var requestId = NewId("REQ");
        var raw = new QueueClient(TestStorage.ConnectionString, StandaloneHostFixture.IntakeQueue);
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync(ReadMeterJson(requestId, await host.RegisterSmartMeterAsync()));

        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
    }

    [Fact]
    public async Task ABadRequest_LandsOnThePoisonQueueWithItsReason_AndTheCisHearsWhy()
    {
        var requestId = NewId("REQ");
        var body = $$"""{"requestId":"{{requestId}}","requestType":"Teleport","servicePointId":"SP-1","commodity":"Electric"}""";

        await SendAsync(body);

        var rejected = await host.WaitForReplyAsync(requestId, CisReplyKind.Rejected);
        Assert.Contains(rejected.Errors!, e => e.Code == ReasonCodes.InvalidValue && e.Field == "requestType");
        var record = await WaitForPoisonAsync(r => r.GetProperty("requestId").GetString() == requestId, $"the poison record of {requestId}");
        Assert.Equal("MalformedRequest", record.GetProperty("reason").GetString());
        Assert.Contains("requestType", record.GetProperty("description").GetString());
        Assert.Equal(body, record.GetProperty("body").GetString());
        Assert.Equal(404, (int)(await host.Http.GetAsync($"api/orders/{requestId}")).StatusCode);
    }

    [Fact]
    public async Task ARequestIdInUse_WithOtherContent_IsRefused_TheCisHearsWhich_AndTheOrderIsUnchanged()
    {
        var requestId = NewId("REQ");
        var first = await host.RegisterSmartMeterAsync();
        await SendAsync(ReadMeterJson(requestId, first));
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        var other = await host.RegisterSmartMeterAsync();
        var conflicting = ReadMeterJson(requestId, other).Replace("\"ReadMeter\"", "\"DeviceStatusCheck\"", StringComparison.Ordinal);

        await SendAsync(conflicting);

        var rejected = await host.WaitForReplyAsync(requestId, CisReplyKind.Rejected);
        Assert.Equal(ReasonCodes.RequestIdInUse, rejected.ReasonCode);
        Assert.StartsWith($"{requestId}.Rejected.", rejected.MessageId, StringComparison.Ordinal);
        Assert.Contains("requestType, servicePointId differ", rejected.Detail, StringComparison.Ordinal);
        var record = await WaitForPoisonAsync(r => r.GetProperty("requestId").GetString() == requestId, $"the poison record of {requestId}");
        Assert.Equal(ReasonCodes.RequestIdInUse, record.GetProperty("reason").GetString());
        Assert.Equal(conflicting, record.GetProperty("body").GetString());
        var order = await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options);
        Assert.Equal((RequestType.ReadMeter, first, OrderOutcome.Completed), (order!.RequestType, order.ServicePointId, order.Outcome));
    }

    [Fact]
    public async Task AnUnreadableMessage_LandsOnThePoisonQueueWithItsReason()
    {
        var body = $"not a request {Guid.NewGuid():N}";

        var messageId = await SendAsync(body);

        var record = await WaitForPoisonAsync(r => r.GetProperty("messageId").GetString() == messageId, "the poison record of an unreadable message");
        Assert.Equal("UnreadableMessage", record.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("requestId").ValueKind);
        Assert.Equal(body, record.GetProperty("body").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(body), record.GetProperty("bodyLength").GetInt32());
    }
}
