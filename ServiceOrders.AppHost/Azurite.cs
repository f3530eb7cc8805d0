using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServiceOrders.AppHost;

/// <summary>The ports of Azurite's blob, queue and table services on 127.0.0.1.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>The storage emulator's well-known development account and key (public, not secrets).</summary>
    const string Account = "devstoreaccount1";
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static readonly AzuritePorts Standard = new(10000, 10001, 10002);

    public IReadOnlyList<int> All => [Blob, Queue, Table];

    /// <summary>The emulator's account on these ports, as the host's <c>AzureWebJobsStorage</c> takes it.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Blob}/{Account};QueueEndpoint=http://127.0.0.1:{Queue}/{Account};TableEndpoint=http://127.0.0.1:{Table}/{Account};");

    /// <summary>
    /// The standard ports 10000-10002 when all three are free (a storage explorer finds them there), as <c>./run.sh host</c>
    /// does; three free ports otherwise, so that a second run beside it does not collide.
    /// </summary>
    public static AzuritePorts Choose()
    {
        var held = new List<TcpListener>();
        try
        {
            foreach (var port in Standard.All)
            {
                held.Add(new TcpListener(IPAddress.Loopback, port));
                held[^1].Start();
            }

            return Standard;
        }
        catch (SocketException)
        {
            return Free();
        }
        finally
        {
            held.ForEach(l => l.Stop());
        }
    }

    static AzuritePorts Free()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }
}

/// <summary>Azurite, the storage emulator, run from the repository's <c>node_modules</c> as a plain process (no container).</summary>
public sealed class AzuriteResource(string name, string command, string workingDirectory, AzuritePorts ports)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public AzuritePorts Ports { get; } = ports;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Ports.ConnectionString}");
}

public static class AzuriteBuilderExtensions
{
    /// <summary>
    /// Adds Azurite with its data on disk in <paramref name="dataDirectory"/>, as <c>./run.sh host</c> keeps it, so that
    /// orders survive a restart. Its endpoints are not proxied: the host talks to Azurite itself. It counts as healthy
    /// once each of its three services answers.
    /// </summary>
    public static IResourceBuilder<AzuriteResource> AddLocalAzurite(
        this IDistributedApplicationBuilder builder, string name, string repository, string dataDirectory, AzuritePorts ports)
    {
        var azurite = new AzuriteResource(name, Path.Combine(repository, "node_modules", ".bin", "azurite"), dataDirectory, ports);
        return builder.AddResource(azurite)
            .WithArgs(
                "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", dataDirectory,
                "--blobHost", "127.0.0.1", "--blobPort", Text(ports.Blob),
                "--queueHost", "127.0.0.1", "--queuePort", Text(ports.Queue),
                "--tableHost", "127.0.0.1", "--tablePort", Text(ports.Table))
            .WithHttpEndpoint(port: ports.Blob, name: "blob", isProxied: false)
            .WithHttpEndpoint(port: ports.Queue, name: "queue", isProxied: false)
            .WithHttpEndpoint(port: ports.Table, name: "table", isProxied: false)
            // A service that is up answers a request without an account 400 Bad Request.
            .WithHttpHealthCheck("/", (int)HttpStatusCode.BadRequest, "blob")
            .WithHttpHealthCheck("/", (int)HttpStatusCode.BadRequest, "queue")
            .WithHttpHealthCheck("/", (int)HttpStatusCode.BadRequest, "table")
            .OnBeforeResourceStarted((_, _, _) =>
            {
                Directory.CreateDirectory(dataDirectory);
                return Task.CompletedTask;
            });
    }

    static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
