using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Host;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Adapters;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// The standalone host as a user runs it: real HTTP on a free loopback port, the durable engine on Azurite, and the
/// simulated head-end and crews answering through the public endpoints. One host for all end-to-end tests, since
/// the simulators of two hosts would take each other's work from the shared queues.
/// </summary>
public sealed class StandaloneHostFixture : IAsyncLifetime
{
    WebApplication? app;

    public HttpClient Http { get; } = new();

    public QueueClient CisReplies { get; } =
        new(TestStorage.ConnectionString, QueueNames.CisReplies, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        app = StandaloneHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
            $"--Durable:TaskHubName={TestStorage.NewTaskHubName("e2e")}",
            "--Durable:MaxQueuePollingInterval=00:00:00.500",
            "--Simulators:Enabled=true",
            "--Simulators:HeadEnd:Delay=00:00:00.100",
            "--Simulators:FieldCrew:Delay=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        Http.BaseAddress = new Uri(app.Urls.First() + "/");
        await CisReplies.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
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
