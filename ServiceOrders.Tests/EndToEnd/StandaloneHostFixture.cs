using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.DevHost;
using ServiceOrders.Tests.Security;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// The standalone host as a user runs it: real HTTP on a free loopback port, the durable engine on Azurite, and the
/// simulated head-end and crews answering through the public endpoints. One host for all end-to-end tests, since
/// the simulators of two hosts would take each other's work from the shared queues.
/// </summary>
public sealed class StandaloneHostFixture : IAsyncLifetime
{
    WebApplication? app;

    /// <summary>A head-end reached over HTTP; its answers come through the result queue.</summary>
    public const string HttpHeadEnd = "http-he";

    /// <summary>Its own result queue, so that hosts of other test classes do not take these results.</summary>
    public const string HeadEndResultQueue = "e2e-headend-results";

    /// <summary>The host's API key; <see cref="Http"/> sends it on every request.</summary>
    public string ApiKey { get; } = TestCredentials.NewApiKey();

    public HttpClient Http { get; } = new();

    /// <summary>The operator console's key: a request with it acts for the person in its actor header.</summary>
    public string DelegatingKey { get; } = TestCredentials.NewApiKey();

    /// <summary>Cancel and skip of more orders than this wait for a second person.</summary>
    public const int BulkApprovalThreshold = 2;

    readonly List<HttpClient> people = [];

    /// <summary>A client that calls as the console does for <paramref name="actor"/> with <paramref name="roles"/>.</summary>
    public HttpClient Person(string actor, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, DelegatingKey);
        client.DefaultRequestHeaders.Add(ConsoleRoles.ActorHeader, actor);
        client.DefaultRequestHeaders.Add(ConsoleRoles.RolesHeader, string.Join(',', roles));
        lock (people)
        {
            people.Add(client);
        }

        return client;
    }

    /// <summary>The storage intake queue of this host alone: other test hosts take requests from the default queue.</summary>
    public const string IntakeQueue = "e2e-service-order-requests";

    public CommandReceiver HeadEnd { get; } = new();

    /// <summary>Every message the host puts on a storage queue, as sent, even once a consumer has taken it.</summary>
    public QueueMessageTap Tap { get; } = new();

    /// <summary>The host's services, such as the simulators' ledger.</summary>
    public IServiceProvider Services => app!.Services;

    public QueueClient CisReplies { get; } =
        new(TestStorage.ConnectionString, QueueNames.CisReplies, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async ValueTask InitializeAsync()
    {
        app = DevelopmentHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
            $"--Durable:TaskHubName={TestStorage.NewTaskHubName("e2e")}",
            "--Durable:MaxQueuePollingInterval=00:00:00.500",
            "--Simulators:Enabled=true",
            $"--Intake:QueueName={IntakeQueue}",
            "--Simulators:HeadEnd:Delay=00:00:00.100",
            "--Simulators:FieldCrew:Delay=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
            $"--Security:ApiKeys:0={ApiKey}",
            $"--Security:DelegatingKeys:0={DelegatingKey}",
            $"--Operations:BulkApprovalThreshold={BulkApprovalThreshold}",
            "--Operations:BulkPollInterval=00:00:00.200",
            $"--Operations:BulkActionTable=e2eBulk{Guid.NewGuid().ToString("N")[..12]}",
            $"--HeadEnds:{HttpHeadEnd}:Transport=Http",
            $"--HeadEnds:{HttpHeadEnd}:Url={HeadEnd.Url}",
            $"--{HeadEndResultIntake.ResultQueueSetting}={HeadEndResultQueue}",
            "--Webhooks:AllowInsecureLoopback=true",
            "--Webhooks:PollInterval=00:00:00.200",
        ], builder => builder.Services.AddSingleton(Tap.Client(TestStorage.ConnectionString)));
        await app.StartAsync();
        Http.BaseAddress = new Uri(app.Urls.First() + "/");
        Http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, ApiKey);
        await CisReplies.CreateIfNotExistsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        people.ForEach(p => p.Dispose());
        HeadEnd.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Registers a new service point with a commissioned smart meter, through the API, and returns its id.</summary>
    public async Task<string> RegisterSmartMeterAsync(Commodity commodity = Commodity.Electric, SwitchState state = SwitchState.Connected)
    {
        var servicePointId = $"SP-{Guid.NewGuid():N}"[..24];
        (await Http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, commodity, new Meter($"M-{Guid.NewGuid():N}"[..20], MeterClass.Smart, true, state)),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        return servicePointId;
    }

    readonly List<CisReply> received = [];

    /// <summary>Waits for the CIS reply of the given kind to a request; replies to other requests stay on the queue.</summary>
    public Task<CisReply> WaitForReplyAsync(string requestId, CisReplyKind kind) =>
        Eventually.GetAsync(async () =>
        {
            foreach (var message in (await CisReplies.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5))).Value)
            {
                var reply = JsonSerializer.Deserialize<CisReply>(message.Body.ToString(), ServiceOrdersJson.Options)!;
                if (reply.RequestId != requestId)
                {
                    await CisReplies.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    continue;
                }

                lock (received)
                {
                    received.Add(reply);
                }

                await CisReplies.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            lock (received)
            {
                return received.FirstOrDefault(r => r.RequestId == requestId && r.Kind == kind);
            }
        }, $"a {kind} reply to {requestId}");
}

[CollectionDefinition(Name)]
public sealed class StandaloneHostCollection : ICollectionFixture<StandaloneHostFixture>
{
    public const string Name = "Standalone host";
}
