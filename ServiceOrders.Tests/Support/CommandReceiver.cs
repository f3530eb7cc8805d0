using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Tests.Support;

/// <summary>A head-end's command endpoint on loopback: records what it receives and answers as told.</summary>
public sealed class CommandReceiver : IDisposable
{
    readonly HttpListener listener = new();
    readonly Task loop;

    public CommandReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/commands/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(HeadEndCommand Command, string? IdempotencyKey)> Received { get; } = new();

    /// <summary>Each command's body as it came, for checks of the wire format.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>The status to answer a command with; 202 unless told otherwise.</summary>
    public Func<HeadEndCommand, HttpStatusCode> Answer { get; set; } = _ => HttpStatusCode.Accepted;

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Bodies.Enqueue(body);
            var command = JsonSerializer.Deserialize<HeadEndCommand>(body, ServiceOrdersJson.Options);
            Received.Enqueue((command!, context.Request.Headers["Idempotency-Key"]));
            context.Response.StatusCode = (int)Answer(command!);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
