using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Simulators;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Subscribers;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.Intake.IntakeTestData;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// What a running standalone host really sends, against the published schemas: orders of several kinds go through the
/// host with its simulated crews and head-end, and every message the host put on a storage queue (seen at the wire, so
/// that consumers taking it off change nothing), every command POSTed to an HTTP head-end and every webhook request
/// must be valid by the schema that <c>docs/asyncapi.yaml</c> gives its channel. A queue the host sends on that the
/// document does not list as sent by the product fails too.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class ProducedMessageSchemaTests(StandaloneHostFixture host)
{
    const string Endpoint = "schemas";

    static readonly AsyncApiDocument AsyncApi = AsyncApiDocument.Load();

    static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>The queues the fixture names for itself, by the default name the document uses.</summary>
    static string DocumentedName(string queue) => queue switch
    {
        StandaloneHostFixture.IntakeQueue + "-poison" => QueueNames.ServiceOrderRequestsPoison,
        StandaloneHostFixture.HeadEndResultQueue + "-poison" => QueueNames.HeadEndResultsPoison,
        _ => queue,
    };

    static IReadOnlyList<string> SentOn(string server, string? address) => AsyncApi.SchemasSentOn(server, address);

    /// <summary>Null when <paramref name="body"/> is valid by one of <paramref name="schemas"/>; otherwise why not.</summary>
    static string? Problem(IReadOnlyList<string> schemas, string body, string what) =>
        schemas.Count == 0
            ? $"{what}: the AsyncAPI document has the product send nothing there. The message:\n{body}"
            : schemas.Select(s => PublishedSchemas.Problem(s, body, what)).Aggregate((a, b) => a is null || b is null ? null : $"{a}\n{b}");

    [Fact]
    public async Task Every_message_a_running_host_sends_is_valid_by_the_schema_of_its_channel()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver);
        string[] ids;
        try
        {
            ids = await Task.WhenAll(
                SmartMeterReadFromTheIntakeQueueAsync(),
                ManualMeterReadAsync(),
                FieldWorkCancelledAsync(),
                UnknownServicePointAsync(),
                HttpHeadEndPingAnsweredOnTheResultQueueAsync(),
                BadIntakeMessageAsync(),
                ResultForNoCommandAsync());
            await Eventually.GetAsync(
                () => Task.FromResult(receiver.ReceivedBy(Endpoint).FirstOrDefault(r => r.Body.Contains(ids[0], StringComparison.Ordinal))),
                $"a webhook request about {ids[0]}");
        }
        finally
        {
            using var _ = await host.Http.DeleteAsync($"api/subscriptions/{subscription}");
        }

        var sent = host.Tap.Sent;
        var problems = new List<string?>();
        problems.AddRange(sent.Select(m => Problem(SentOn("storage", DocumentedName(m.Queue)), m.Body, $"a message the host sent on {m.Queue}")));
        problems.AddRange(host.HeadEnd.Bodies.Select(b => Problem(SentOn("storage", QueueNames.HeadEndCommands), b, "a command POSTed to an HTTP head-end")));
        var webhooks = receiver.ReceivedBy(Endpoint);
        problems.AddRange(webhooks.Select(w => Problem(SentOn("subscribers", null), w.Body, $"a webhook request ({w.Id})")));
        Assert.All(webhooks, w => Assert.True(w.SignatureValid, $"webhook {w.Id} is not signed as documented"));
        var failures = problems.OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // Every kind of message was among them, from these orders.
        var mine = sent.Where(m => ids.Any(id => m.Body.Contains(id, StringComparison.Ordinal))).Select(m => DocumentedName(m.Queue)).ToHashSet();
        Assert.Equal(
            new[]
            {
                QueueNames.CisReplies, QueueNames.FieldDispatches, QueueNames.FieldCancellations, QueueNames.HeadEndCommands,
                QueueNames.ServiceOrderEvents, QueueNames.WebhookDeliveries, QueueNames.ServiceOrderRequestsPoison, QueueNames.HeadEndResultsPoison,
            }.Order(StringComparer.Ordinal),
            mine.Order(StringComparer.Ordinal));
        Assert.Contains(host.HeadEnd.Bodies, b => b.Contains(ids[4], StringComparison.Ordinal));
    }

    async Task<string> SubscribeAsync(WebhookReceiver receiver)
    {
        using var response = await host.Http.PostAsJsonAsync("api/subscriptions", new { url = receiver.UrlOf(Endpoint), eventTypes = new[] { WebhookSubscription.AllEvents } }, ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(ServiceOrdersJson.Options))!;
        receiver.Listen(Endpoint, created.Secret);
        return created.Id;
    }

    async Task<string> RegisterAsync(MeterClass meterClass, string headEndId = Meter.DefaultHeadEnd)
    {
        var servicePointId = NewId("SP");
        var meter = new Meter(NewId("M"), meterClass, Commissioned: meterClass == MeterClass.Smart, SwitchState.Connected, HeadEndId: headEndId);
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}", new ServicePoint(servicePointId, Commodity.Electric, meter), ServiceOrdersJson.Options))
            .EnsureSuccessStatusCode();
        return servicePointId;
    }

    async Task<string> SubmitAsync(string requestId, RequestType type, string servicePointId)
    {
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, type, servicePointId, Commodity.Electric), ServiceOrdersJson.Options))
            .EnsureSuccessStatusCode();
        return requestId;
    }

    /// <summary>Puts a message on a queue the host reads, as an outside system does: base64 of the JSON.</summary>
    static async Task PutAsync(string queue, string message)
    {
        var client = new QueueClient(TestStorage.ConnectionString, queue, Base64);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(message);
    }

    Task<SentQueueMessage> SentAsync(string queue, string containing) =>
        Eventually.GetAsync(
            () => Task.FromResult(host.Tap.Sent.FirstOrDefault(m => m.Queue == queue && m.Body.Contains(containing, StringComparison.Ordinal))),
            $"a message about {containing} on {queue}");

    /// <summary>A request as the CIS puts it on the intake queue, checked against its schema first: a head-end command by queue, replies, events, webhooks.</summary>
    async Task<string> SmartMeterReadFromTheIntakeQueueAsync()
    {
        var requestId = NewId("REQ");
        var request = ReadMeterJson(requestId, await RegisterAsync(MeterClass.Smart));
        PublishedSchemas.AssertValid("service-order-request", request, "the request");
        await PutAsync(StandaloneHostFixture.IntakeQueue, request);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        return requestId;
    }

    /// <summary>A field dispatch, answered by the simulated crew.</summary>
    async Task<string> ManualMeterReadAsync()
    {
        var requestId = await SubmitAsync(NewId("REQ"), RequestType.ReadMeter, await RegisterAsync(MeterClass.Manual));
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        return requestId;
    }

    /// <summary>
    /// A dispatch the simulated crew takes as done already (its key is in the crew's ledger), so the work is still
    /// open when the order is cancelled: a field cancellation goes out, and the test reports for the crew.
    /// </summary>
    async Task<string> FieldWorkCancelledAsync()
    {
        var requestId = NewId("REQ");
        var activityId = $"{requestId}.1";
        Assert.True(host.Services.GetRequiredService<SimulatorLedger>().TryBegin($"dispatch:{activityId}"));
        await SubmitAsync(requestId, RequestType.ReadMeter, await RegisterAsync(MeterClass.Manual));

        await SentAsync(QueueNames.FieldDispatches, $"\"activityId\":\"{activityId}\"");
        (await host.Http.PostAsJsonAsync($"api/orders/{requestId}/cancel", new { reason = "Customer paid", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        await SentAsync(QueueNames.FieldCancellations, $"\"activityId\":\"{activityId}\"");

        var completion = $$"""{"code":"Cancelled","crew":"Crew 9","completedAt":"{{DateTimeOffset.UtcNow:O}}","remarks":"Called off before the visit"}""";
        PublishedSchemas.AssertValid("field-completion", completion, "the crew's completion");
        using var body = new StringContent(completion, System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"api/field-activities/{activityId}/completion", body)).StatusCode);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Cancelled);
        return requestId;
    }

    /// <summary>A rejection with its reason.</summary>
    async Task<string> UnknownServicePointAsync()
    {
        var requestId = await SubmitAsync(NewId("REQ"), RequestType.ReadMeter, NewId("SP-NONE"));
        await host.WaitForReplyAsync(requestId, CisReplyKind.Rejected);
        return requestId;
    }

    /// <summary>A command POSTed to an HTTP head-end, answered on the result queue with a message checked against its schema first.</summary>
    async Task<string> HttpHeadEndPingAnsweredOnTheResultQueueAsync()
    {
        var requestId = await SubmitAsync(NewId("REQ"), RequestType.DeviceStatusCheck, await RegisterAsync(MeterClass.Smart, StandaloneHostFixture.HttpHeadEnd));
        var ping = await Eventually.GetAsync(
            () => Task.FromResult(host.HeadEnd.Received.Select(r => r.Command).FirstOrDefault(c => c.OrderId.Value == requestId)),
            $"the command of {requestId} at the head-end");

        var answer = JsonSerializer.Serialize(new HeadEndResultMessage(ping.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded)), ServiceOrdersJson.Options);
        PublishedSchemas.AssertValid("headend-result-message", answer, "the head-end's answer");
        await PutAsync(StandaloneHostFixture.HeadEndResultQueue, answer);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        return requestId;
    }

    /// <summary>A request the intake sets aside: a poison record and a rejection.</summary>
    async Task<string> BadIntakeMessageAsync()
    {
        var requestId = NewId("REQ");
        await PutAsync(StandaloneHostFixture.IntakeQueue, $$"""{"requestId":"{{requestId}}","requestType":"Teleport","servicePointId":"SP-1","commodity":"Electric"}""");
        await SentAsync(StandaloneHostFixture.IntakeQueue + "-poison", requestId);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Rejected);
        return requestId;
    }

    /// <summary>A head-end result nobody waits for: a poison record.</summary>
    async Task<string> ResultForNoCommandAsync()
    {
        var commandId = NewId("NO-SUCH") + ".1";
        await PutAsync(StandaloneHostFixture.HeadEndResultQueue, JsonSerializer.Serialize(new HeadEndResultMessage(commandId, new HeadEndResult(CommandOutcome.Succeeded)), ServiceOrdersJson.Options));
        await SentAsync(StandaloneHostFixture.HeadEndResultQueue + "-poison", commandId);
        return commandId;
    }
}
