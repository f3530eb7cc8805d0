using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Host;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>
/// The standalone host with short webhook retry delays, and a loopback receiver. Other test hosts share the storage
/// account and may take a job off the delivery queue; that changes nothing, since the retry schedule travels with
/// the job. Tests look only at their own endpoints and event ids.
/// </summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public const string ApiKey = "webhook-tests-0123456789abcdef";

    /// <summary>One second each: the queue counts whole seconds. Four tries in all.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public const int Attempts = 4;

    readonly List<string> created = [];
    WebApplication? app;

    public HttpClient Http { get; } = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        app = StandaloneHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
            $"--Durable:TaskHubName={TestStorage.NewTaskHubName("wh")}",
            $"--Security:ApiKeys:0={ApiKey}",
            "--Webhooks:AllowInsecureLoopback=true",
            "--Webhooks:RequestTimeout=00:00:05",
            "--Webhooks:PollInterval=00:00:00.100",
            .. Enumerable.Range(0, Attempts - 1).Select(i => $"--Webhooks:RetryDelays:{i}={RetryDelay}"),
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        Http.BaseAddress = new Uri(app.Urls.First() + "/");
        Http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, ApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        // Other hosts share the subscriptions table: leave them nothing to send to.
        foreach (var id in created)
        {
            using var _ = await Http.DeleteAsync($"api/subscriptions/{id}");
        }

        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Receiver.DisposeAsync();
    }

    /// <summary>Subscribes a new receiver endpoint through the API; the receiver answers each event as scripted.</summary>
    public async Task<WebhookSubscriptionCreated> SubscribeAsync(string endpoint, string[] eventTypes, int[]? script = null, string? redirectTo = null)
    {
        using var response = await Http.PostAsJsonAsync("api/subscriptions", new { url = Receiver.UrlOf(endpoint), eventTypes }, ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subscription = (await response.Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(ServiceOrdersJson.Options))!;
        created.Add(subscription.Id);
        Receiver.Listen(endpoint, subscription.Secret, script, redirectTo);
        return subscription;
    }

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> DeliveriesAsync(string subscriptionId, string eventId)
    {
        var all = await Http.GetFromJsonAsync<WebhookDeliveryRecord[]>($"api/subscriptions/{subscriptionId}/deliveries", ServiceOrdersJson.Options);
        return all!.Where(r => r.EventId == eventId).OrderBy(r => r.Attempt).ThenBy(r => r.At).ToList();
    }

    /// <summary>Waits until the event's delivery records satisfy <paramref name="done"/>, and returns them oldest first.</summary>
    public Task<IReadOnlyList<WebhookDeliveryRecord>> WaitForDeliveriesAsync(
        string subscriptionId, string eventId, Func<IReadOnlyList<WebhookDeliveryRecord>, bool> done, string what) =>
        Eventually.GetAsync(async () =>
        {
            var records = await DeliveriesAsync(subscriptionId, eventId);
            return done(records) ? records : null;
        }, $"{what} (event {eventId})", TimeSpan.FromSeconds(60));

    /// <summary>A notification no other test or order sends.</summary>
    public static SubscriberNotification NewNotification(string type = NotificationTypes.OrderCompleted)
    {
        var orderId = $"WH-{Guid.NewGuid():N}"[..20];
        var point = new ServicePoint("SP-WH-1", Commodity.Electric, new Meter("SM-WH-1", MeterClass.Smart, true, SwitchState.Connected));
        return new SubscriberNotification($"{orderId}.{type}", type, orderId, point.ServicePointId, DateTimeOffset.UtcNow, OrderOutcome.Completed, point);
    }

    public Task PublishToWebhooksAsync(params SubscriberNotification[] notifications) =>
        Services.GetRequiredService<WebhookNotifier>().PublishAsync(notifications, CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class WebhookHostCollection : ICollectionFixture<WebhookHostFixture>
{
    public const string Name = "Webhook host";
}
