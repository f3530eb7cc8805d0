using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Queues;

namespace ServiceOrders.Simulators;

/// <summary>The field work system's side of a cancellation: it tells the crew, who reports what it did.</summary>
public sealed class FieldCancellationListener(QueueServiceClient queues, CrewBoard board, IOptions<SimulatorOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueNames.FieldCancellations);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stoppingToken)).Value;
                foreach (var message in messages)
                {
                    if (JsonSerializer.Deserialize<FieldCancellation>(message.Body.ToString(), ServiceOrdersJson.Options) is { } cancellation)
                    {
                        board.CallOff(cancellation.ActivityId);
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is JsonException or Azure.RequestFailedException)
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }
}
