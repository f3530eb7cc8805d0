using System.Net;
using System.Net.Http.Json;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.HeadEnds;

/// <summary>
/// Sends each command to its meter's head-end the way that head-end is configured: a storage queue, or an HTTP POST.
/// The command id is the idempotency key either way (Idempotency-Key header; message body).
/// </summary>
public sealed class RoutingHeadEndGateway(
    IReadOnlyDictionary<string, HeadEndEndpoint> endpoints,
    StorageQueues queues,
    IHttpClientFactory httpClients) : IHeadEndGateway
{
    public const string HttpClientName = "HeadEnd";

    public async Task SendAsync(HeadEndCommand command, CancellationToken cancellationToken)
    {
        // The order's trace context rides in the body on either transport (and in the traceparent header over HTTP).
        command = command with { TraceParent = ServiceOrdersTracing.CurrentTraceParent, TraceState = ServiceOrdersTracing.CurrentTraceState };
        var endpoint = endpoints.TryGetValue(command.HeadEndId, out var configured) ? configured
            : endpoints.TryGetValue("default", out var fallback) ? fallback
            : new HeadEndEndpoint();

        if (endpoint.Transport == HeadEndTransport.Queue)
        {
            await queues.SendAsync(endpoint.Queue, command, cancellationToken);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = JsonContent.Create(command, options: ServiceOrdersJson.Options),
        };
        request.Headers.Add("Idempotency-Key", command.CommandId.Value);
        if (endpoint.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Add(endpoint.ApiKeyHeader, key);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(endpoint.Timeout);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            // 409: the head-end has this command id already; the first send stands.
            return;
        }

        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 && status is not 408 and not 429)
        {
            throw new CommandRefusedException($"Head-end {command.HeadEndId} refused the command with {status} {response.ReasonPhrase}.");
        }

        // Anything else is transient: the activity's retries send it again under the same id.
        response.EnsureSuccessStatusCode();
    }
}
