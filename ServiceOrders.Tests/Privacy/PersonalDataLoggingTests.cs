using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Host;
using ServiceOrders.Tests.Security;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ServiceOrders.Tests.Privacy;

/// <summary>
/// Customer contacts (name, phone, address) are personal data: carried to the field, never logged. A host of its own
/// logs everything at Trace into a capture while orders with distinctive contacts run through the API and the intake
/// queue, are rejected, fail validation, and go through a field activity; no contact text may show in the capture.
/// The simulators stay off, so this host takes no work from the shared queues; the test answers the crews itself.
/// The same holds for telemetry: no span name, span attribute or event, and no metric tag, may hold contact text.
/// </summary>
public sealed class PersonalDataLoggingTests : IAsyncLifetime
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly string intakeQueueName = $"privacy-requests-{Guid.NewGuid():N}"[..32];
    readonly string apiKey = TestCredentials.NewApiKey();
    readonly CapturingLoggerProvider capture = new();
    readonly TelemetryCapture telemetry = new();
    readonly HttpClient http = new();
    WebApplication? app;

    public async ValueTask InitializeAsync()
    {
        app = StandaloneHost.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
                $"--Durable:TaskHubName={TestStorage.NewTaskHubName("privacy")}",
                "--Durable:MaxQueuePollingInterval=00:00:00.500",
                "--Simulators:Enabled=false",
                $"--Intake:QueueName={intakeQueueName}",
                $"--{HeadEndResultIntake.ResultQueueSetting}=privacy-headend-results",
                "--Logging:LogLevel:Default=Trace",
                $"--Security:ApiKeys:0={apiKey}",
            ],
            builder =>
            {
                builder.Logging.AddProvider(capture);
                // Everything reaches the capture, whatever the host's settings say for single categories.
                builder.Logging.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace);
            });
        await app.StartAsync();
        http.BaseAddress = new Uri(app.Urls.First() + "/");
        http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        telemetry.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A contact no log line could hold by chance.</summary>
    static Contact DistinctiveContact()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + (b % 10))));
        return new Contact($"Philomena Quarrington-{tag}", $"+31 6 {digits}", $"{tag} Zwanebloem Hofje 17, 9999 ZZ Vlinderkoog");
    }

    /// <summary>The texts that must not be logged: each field whole, and the parts that identify a person on their own.</summary>
    static IEnumerable<string> Secrets(Contact contact) =>
    [
        contact.Name!,
        contact.Name!.Split(' ')[1],
        contact.Phone!,
        new string(contact.Phone!.Where(char.IsAsciiDigit).ToArray()),
        contact.Phone!.Split(' ')[2],
        contact.Address!,
        "Zwanebloem Hofje",
        "Vlinderkoog",
    ];

    [Fact]
    public async Task CustomerContacts_NeverAppearInTheLogs()
    {
        var stopwatch = Stopwatch.StartNew();
        var servicePointId = await RegisterServicePointAsync();

        // Through a field activity: the dispatch carries the contact to the crew.
        var fieldContact = DistinctiveContact();
        var fieldOrder = NewId("PRIV-F");
        var submitted = await http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(fieldOrder, RequestType.Investigate, servicePointId, Commodity.Electric, Contact: fieldContact),
            ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        // Through the intake queue, also to the field.
        var queuedContact = DistinctiveContact();
        var queuedOrder = NewId("PRIV-Q");
        var intake = new QueueClient(TestStorage.ConnectionString, intakeQueueName);
        await intake.CreateIfNotExistsAsync();
        await intake.SendMessageAsync(JsonSerializer.Serialize(
            new ServiceOrderRequest(queuedOrder, RequestType.Investigate, await RegisterServicePointAsync(), Commodity.Electric, Contact: queuedContact), ServiceOrdersJson.Options));

        // Rejected by the workflow: the service point is not registered.
        var rejectedContact = DistinctiveContact();
        var rejectedOrder = NewId("PRIV-R");
        var rejected = await http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(rejectedOrder, RequestType.EnableService, NewId("SP-UNKNOWN"), Commodity.Electric, Contact: rejectedContact),
            ServiceOrdersJson.Options);
        Assert.True(rejected.IsSuccessStatusCode || (int)rejected.StatusCode is >= 400 and < 500, $"{(int)rejected.StatusCode}");

        // Refused at the door: no request type the API knows.
        var invalidContact = DistinctiveContact();
        var invalidOrder = NewId("PRIV-I");
        var invalid = await http.PostAsJsonAsync("api/orders",
            new { requestId = invalidOrder, requestType = "Teleport", servicePointId, commodity = "Electric", contact = invalidContact },
            ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        // Unreadable on the intake queue: the message goes to the poison queue, its contents must not go to the log.
        var poisonContact = DistinctiveContact();
        var poisonOrder = NewId("PRIV-P");
        var poison = await intake.SendMessageAsync(
            $$"""{"requestId":"{{poisonOrder}}","contact":{"name":"{{poisonContact.Name}}","phone":"{{poisonContact.Phone}}","address":"{{poisonContact.Address}}"},"requestType":""");

        foreach (var orderId in new[] { fieldOrder, queuedOrder })
        {
            var dispatched = await Eventually.GetAsync(
                async () => await ViewAsync(orderId) is { CurrentActivity: ActivityKind.Investigate, CurrentActivityId: { } } view
                    && view.Timeline.Any(t => t.Event == TimelineEvent.Dispatched)
                        ? view
                        : null,
                $"order {orderId} to dispatch its field work", Patience);
            var completed = await http.PostAsJsonAsync($"api/field-activities/{Uri.EscapeDataString(dispatched.CurrentActivityId!)}/completion",
                new FieldCompletion(CompletionCode.Completed, "Crew 7", Remarks: "Nothing wrong on site"), ServiceOrdersJson.Options);
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
        }

        foreach (var orderId in new[] { fieldOrder, queuedOrder, rejectedOrder })
        {
            var ended = await Eventually.GetAsync(
                async () => await ViewAsync(orderId) is { RuntimeStatus: EngineStatus.Completed } view ? view : null,
                $"order {orderId} to end", Patience);
            Assert.Equal(orderId == rejectedOrder ? OrderOutcome.Rejected : OrderOutcome.Completed, ended.Outcome);
        }

        await Eventually.GetAsync(
            () => Task.FromResult(capture.Containing(poison.Value.MessageId).FirstOrDefault()),
            "the unreadable intake message to be set aside", Patience);

        await app!.StopAsync();

        // The capture works: it holds the host's own logging of these orders.
        Assert.NotEmpty(capture.Containing(fieldOrder));
        Assert.NotEmpty(capture.Containing(queuedOrder));
        Assert.NotEmpty(capture.Containing(rejectedOrder));

        var leaks = new[] { fieldContact, queuedContact, rejectedContact, invalidContact, poisonContact }
            .SelectMany(Secrets)
            .SelectMany(secret => capture.Containing(secret).Select(entry => $"'{secret}' in: {entry}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"Personal data in {leaks.Count} log entries of {capture.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(10))}");

        // The telemetry capture works too: it holds the spans and measurements of these orders.
        var texts = telemetry.Texts();
        Assert.Contains(texts, t => t.Contains(fieldOrder, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("metric serviceorders.orders.ended", StringComparison.Ordinal));
        var telemetryLeaks = new[] { fieldContact, queuedContact, rejectedContact, invalidContact, poisonContact }
            .SelectMany(Secrets)
            .SelectMany(secret => texts.Where(t => t.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(t => $"'{secret}' in: {t}"))
            .ToList();
        Assert.True(telemetryLeaks.Count == 0, $"Personal data in telemetry:{Environment.NewLine}{string.Join(Environment.NewLine, telemetryLeaks.Take(10))}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    /// <summary>A service point of its own for each order, so no order waits for another at the same point.</summary>
    async Task<string> RegisterServicePointAsync()
    {
        var servicePointId = NewId("SP");
        (await http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, Commodity.Electric, Meter: null), ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        return servicePointId;
    }

    async Task<OrderView?> ViewAsync(string orderId)
    {
        using var response = await http.GetAsync($"api/orders/{orderId}");
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<OrderView>(ServiceOrdersJson.Options);
    }
}
