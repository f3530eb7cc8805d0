using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>One request a receiver got, and whether its signature held against the endpoint's secret.</summary>
public sealed record ReceivedWebhook(string Endpoint, string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, bool SignatureValid);

/// <summary>
/// A webhook receiver as a subscriber would run one: Kestrel on a free loopback port, one endpoint per test under
/// <c>/hooks/{name}</c>. It checks each request's signature the way the README tells receivers to, independently of the
/// product's signing code, and answers each event as its endpoint's script says (then 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, Endpoint> endpoints = new();
    readonly ConcurrentQueue<ReceivedWebhook> received = new();

    sealed record Endpoint(string Secret, int[] Script, string? RedirectTo)
    {
        public ConcurrentDictionary<string, int> RequestsPerEvent { get; } = new();
    }

    WebhookReceiver(WebApplication app)
    {
        this.app = app;
        app.MapPost("/hooks/{name}", ReceiveAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var receiver = new WebhookReceiver(builder.Build());
        await receiver.app.StartAsync();
        receiver.BaseAddress = new Uri(receiver.app.Urls.First() + "/");
        return receiver;
    }

    public Uri UrlOf(string name) => new(BaseAddress, $"hooks/{name}");

    /// <summary>
    /// Sets up endpoint <paramref name="name"/>: requests are verified with <paramref name="secret"/>, and the n-th
    /// request for one event is answered with <paramref name="script"/>[n], or 200 past its end.
    /// </summary>
    public void Listen(string name, string secret, int[]? script = null, string? redirectTo = null) =>
        endpoints[name] = new Endpoint(secret, script ?? [], redirectTo);

    public IReadOnlyList<ReceivedWebhook> ReceivedBy(string name, string? eventId = null) =>
        received.Where(r => r.Endpoint == name && (eventId is null || r.Id == eventId)).ToList();

    async Task ReceiveAsync(string name, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        string? id = headers["webhook-id"], timestamp = headers["webhook-timestamp"], signature = headers["webhook-signature"];
        endpoints.TryGetValue(name, out var endpoint);
        var valid = endpoint is not null && Verify(endpoint.Secret, id, timestamp, signature, body, DateTimeOffset.UtcNow);
        received.Enqueue(new ReceivedWebhook(name, id, timestamp, signature, context.Request.ContentType, body, valid));

        var n = endpoint is null ? 0 : endpoint.RequestsPerEvent.AddOrUpdate(id ?? "", 1, (_, count) => count + 1) - 1;
        context.Response.StatusCode = endpoint is not null && n < endpoint.Script.Length ? endpoint.Script[n] : StatusCodes.Status200OK;
        if (context.Response.StatusCode is >= 300 and < 400 && endpoint?.RedirectTo is { } target)
        {
            context.Response.Headers.Location = UrlOf(target).ToString();
        }
    }

    /// <summary>
    /// The Standard Webhooks check a receiver makes: the key is the base64 after <c>whsec_</c>; the signed content is
    /// <c>{id}.{timestamp}.{body}</c>; any one of the space-separated <c>v1,</c> signatures may match; the timestamp
    /// must be recent, against replays.
    /// </summary>
    public static bool Verify(string secret, string? id, string? timestamp, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (id is null || signatureHeader is null || !long.TryParse(timestamp, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryFromBase64(s[3..]))
            .Any(candidate => candidate is not null && CryptographicOperations.FixedTimeEquals(candidate, expected));
    }

    static byte[]? TryFromBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
