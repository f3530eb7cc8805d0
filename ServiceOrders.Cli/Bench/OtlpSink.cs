using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ServiceOrders.Cli.Bench;

/// <summary>What the host exported to the bench's OTLP receiver during a run.</summary>
internal sealed record TelemetryExport(long Requests, long Bytes, IReadOnlyDictionary<string, long> RequestsBySignal);

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 that takes what the host exports (<c>/v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>), counts it and throws it away: the far end of the telemetry the bench measures the cost of, so that
/// the host pays for collecting, batching, encoding and sending, as it would to a collector. A bare Kestrel server.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    readonly IHost host;
    readonly Dictionary<string, long> bySignal = [];
    long bytes;

    OtlpSink(int port)
    {
        host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel =>
                {
                    kestrel.Listen(IPAddress.Loopback, port);
                    kestrel.AddServerHeader = false;
                })
                .Configure(app => app.Run(HandleAsync)))
            .Build();
    }

    public static async Task<OtlpSink> StartAsync(int port, CancellationToken cancellationToken)
    {
        var sink = new OtlpSink(port);
        await sink.host.StartAsync(cancellationToken);
        return sink;
    }

    /// <summary>What arrived so far.</summary>
    public TelemetryExport Received()
    {
        lock (bySignal)
        {
            return new(bySignal.Values.Sum(), Interlocked.Read(ref bytes), new Dictionary<string, long>(bySignal));
        }
    }

    async Task HandleAsync(HttpContext context)
    {
        var signal = context.Request.Path.Value?.TrimStart('/') ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || signal is not ("v1/traces" or "v1/metrics" or "v1/logs"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var buffer = new byte[16 * 1024];
        long read = 0;
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            read += n;
        }

        Interlocked.Add(ref bytes, read);
        lock (bySignal)
        {
            bySignal[signal] = bySignal.GetValueOrDefault(signal) + 1;
        }

        // An empty export response: everything accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
