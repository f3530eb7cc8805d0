using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceOrders.Cli.Integration;

/// <summary>One request the receiver got: the headers that matter, the raw body, and what the signature check said.</summary>
internal sealed record ReceivedWebhook(
    string? WebhookId,
    string? Timestamp,
    string? Signature,
    string? ContentType,
    byte[] Body,
    string? Refusal,
    DateTimeOffset ReceivedAt);

/// <summary>
/// A webhook receiver on 127.0.0.1 with a port the system picks, as a subscriber would run one: it checks each request's
/// signature before it reads the body (<see cref="StandardWebhooks"/>), answers 204 to a genuine request and 401 to any
/// other, and keeps every request for the checks. A bare Kestrel server: no configuration files, no logging.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    const string PathPrefix = "/hooks";
    const long MaxBodyBytes = 1024 * 1024;

    readonly IHost host;
    readonly TimeProvider time;
    readonly ConcurrentQueue<ReceivedWebhook> received = new();
    volatile string? secret;

    WebhookReceiver(TimeProvider time)
    {
        this.time = time;
        host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel =>
                {
                    kestrel.Listen(IPAddress.Loopback, 0);
                    kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
                    kestrel.AddServerHeader = false;
                })
                .Configure(app => app.Run(HandleAsync)))
            .Build();
    }

    /// <summary>The URL to subscribe, e.g. http://127.0.0.1:41234/hooks/{tag}.</summary>
    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync(string tag, TimeProvider time, CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver(time);
        await receiver.host.StartAsync(cancellationToken);
        var address = receiver.host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri($"{address.TrimEnd('/')}{PathPrefix}/{Uri.EscapeDataString(tag)}");
        return receiver;
    }

    /// <summary>The subscription's secret, known once the subscription exists; until then every request is refused.</summary>
    public void UseSecret(string value) => secret = value;

    async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        string? Header(string name) => request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

        var id = Header(StandardWebhooks.IdHeader);
        var timestamp = Header(StandardWebhooks.TimestampHeader);
        var signature = Header(StandardWebhooks.SignatureHeader);
        var refusal = secret is { } key
            ? StandardWebhooks.Verify(key, id, timestamp, signature, body, time.GetUtcNow())
            : "no subscription secret yet";
        received.Enqueue(new ReceivedWebhook(id, timestamp, signature, request.ContentType, body, refusal, time.GetUtcNow()));
        context.Response.StatusCode = refusal is null ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping took too long; disposing ends it.
        }

        host.Dispose();
    }
}
