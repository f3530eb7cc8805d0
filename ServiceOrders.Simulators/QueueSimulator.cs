using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Simulators;

/// <summary>
/// A simulated outside system: takes messages from a queue, waits its delay, and answers over HTTP. A message is
/// deleted only once its answer was taken (or refused for good), so nothing it received is lost if it stops.
/// </summary>
public abstract partial class QueueSimulator<TMessage>(
    QueueServiceClient queues,
    IHttpClientFactory httpClients,
    SimulatorLedger ledger,
    SimulatedSystemOptions behaviour,
    TimeSpan pollInterval,
    ILogger logger) : BackgroundService
    where TMessage : class
{
    public const string HttpClientName = "ServiceOrdersApi";

    static readonly TimeSpan Invisible = TimeSpan.FromSeconds(30);

    protected abstract string QueueName { get; }

    protected abstract string KeyOf(TMessage message);

    /// <summary>Returns the path to post the answer to and its body.</summary>
    protected abstract (string Path, object Body) Answer(TMessage message, bool fail);

    /// <summary>Called when work is taken up, before the system's delay.</summary>
    protected virtual void OnTakenUp(TMessage message)
    {
    }

    /// <summary>An interim answer sent before the final one, if the system sends one.</summary>
    protected virtual (string Path, object Body)? Interim(TMessage message) => null;

    protected bool Fails(TMessage message) =>
        behaviour.FailureRate > 0 && Random.Shared.NextDouble() < behaviour.FailureRate;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(32, Invisible, stoppingToken)).Value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReceiveFailed(logger, QueueName, ex.Message);
                messages = [];
            }

            foreach (var message in messages)
            {
                inFlight.Add(HandleAsync(queue, message, stoppingToken));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            if (messages.Length == 0)
            {
                await Task.Delay(pollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    async Task HandleAsync(QueueClient queue, QueueMessage received, CancellationToken stoppingToken)
    {
        TMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<TMessage>(received.Body.ToString(), ServiceOrdersJson.Options);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            LogUnreadable(logger, QueueName, received.MessageId);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, CancellationToken.None);
            return;
        }

        var key = KeyOf(message);
        if (!ledger.TryBegin(key))
        {
            LogRepeat(logger, QueueName, key);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, CancellationToken.None);
            return;
        }

        try
        {
            OnTakenUp(message);
            var http = httpClients.CreateClient(HttpClientName);
            if (Interim(message) is { } interim)
            {
                await Task.Delay(behaviour.Delay / 2, stoppingToken);
                await PostAsync(http, interim, TraceOf(message), stoppingToken);
            }

            await Task.Delay(Interim(message) is null ? behaviour.Delay : behaviour.Delay / 2, stoppingToken);
            await PostAsync(http, Answer(message, Fails(message)), TraceOf(message), stoppingToken);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not answered: let the message come back and try again.
            ledger.Abandon(key);
            if (ex is not OperationCanceledException)
            {
                LogAnswerFailed(logger, key, ex.Message);
            }
        }
    }

    /// <summary>The W3C trace context the message came with, which the answer sends back so that it joins the order's trace.</summary>
    protected abstract (string? TraceParent, string? TraceState) TraceOf(TMessage message);

    async Task PostAsync(HttpClient http, (string Path, object Body) answer, (string? Parent, string? State) trace, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, answer.Path)
        {
            Content = JsonContent.Create(answer.Body, options: ServiceOrdersJson.Options),
        };
        if (trace.Parent is { } traceParent)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
            if (trace.State is { } traceState)
            {
                request.Headers.TryAddWithoutValidation("tracestate", traceState);
            }
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // The order is gone or has ended: nobody waits for this answer any more.
            LogAnswerRefused(logger, answer.Path, (int)response.StatusCode);
            return;
        }

        response.EnsureSuccessStatusCode();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read queue {Queue}: {Error}")]
    static partial void LogReceiveFailed(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable message {MessageId} from {Queue}")]
    static partial void LogUnreadable(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: {Key} received again; done once already")]
    static partial void LogRepeat(ILogger logger, string queue, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer {Key}: {Error}; will retry")]
    static partial void LogAnswerFailed(ILogger logger, string key, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer to {Path} refused with {Status}")]
    static partial void LogAnswerRefused(ILogger logger, string path, int status);
}
