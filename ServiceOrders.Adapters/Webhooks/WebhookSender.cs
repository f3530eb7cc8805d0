using System.Net.Http.Headers;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>What a receiver answered: a status code, or why there was none.</summary>
public sealed record WebhookResponse(int? StatusCode, string? Error);

/// <summary>
/// POSTs one notification to one receiver as a signed CloudEvent (structured JSON mode). A typed client: the factory
/// gives it a handler that follows no redirects and a timeout per try. It does not retry; the dispatcher does, through
/// the queue, so every try is recorded.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public async Task<WebhookResponse> SendAsync(Uri url, string secret, SubscriberNotification notification, CancellationToken cancellationToken)
    {
        // The same event as on the topic and the events queue.
        var body = SubscriberCloudEvents.Formatter.EncodeStructuredModeMessage(SubscriberCloudEvents.ToCloudEvent(notification), out var contentType);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType.ToString());
        request.Headers.Add(WebhookSignature.IdHeader, notification.NotificationId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, notification.NotificationId, timestamp, body.Span));
        try
        {
            // Only the status matters; the receiver's body is neither read nor kept.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new WebhookResponse(status, status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"No answer within {http.Timeout.TotalSeconds:0.#} s.");
        }
    }
}
