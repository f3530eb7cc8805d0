using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServiceOrders.Tests.Support;

/// <summary>
/// An in-memory Azurite of the test run's own, started from the repository's <c>node_modules</c> the way
/// <c>scripts/common.sh</c> starts it (<c>start_azurite memory</c>): blob, queue and table on free ports of
/// 127.0.0.1, in a temporary working directory that is removed again when it stops.
/// </summary>
public sealed class LocalAzurite : IDisposable
{
    // Well-known development account of the storage emulator (public, not a secret).
    const string Account = "devstoreaccount1";
    const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    const int Attempts = 3;
    const int LogLines = 30;

    readonly Process process;
    readonly string directory;
    readonly int[] ports;
    readonly Queue<string> log = new();
    int disposed;

    LocalAzurite(Process process, string directory, int blob, int queue, int table)
    {
        this.process = process;
        this.directory = directory;
        ports = [blob, queue, table];
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{Account};";
    }

    public string ConnectionString { get; }

    /// <summary>Starts Azurite and waits until blob, queue and table each accept connections.</summary>
    public static LocalAzurite Start()
    {
        var program = FindProgram();
        var failures = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            // Ports picked free can be taken by someone else before Azurite binds them: then try new ones.
            var azurite = Launch(program);
            var failure = azurite.WaitUntilListening();
            if (failure is null)
            {
                return azurite;
            }

            azurite.Dispose();
            failures.Add($"attempt {attempt}: {failure}");
        }

        throw new InvalidOperationException(
            $"Azurite ({program}) did not start for the tests.{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    static string FindProgram()
    {
        var bin = RepositoryFiles.PathOf("node_modules", ".bin");
        var program = Path.Combine(bin, OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(
                $"The tests need Azurite, the Azure Storage emulator, and {program} is missing: run 'npm ci' in " +
                $"{RepositoryFiles.Root} to install it (or run ./test.sh, which does), or set {TestStorage.Variable} " +
                "to the connection string of a storage account or emulator to test against.");
        }

        return program;
    }

    static LocalAzurite Launch(string program)
    {
        var (blob, queue, table) = FreePorts();
        var directory = Directory.CreateTempSubdirectory("serviceorders-tests-azurite.").FullName;
        string[] arguments =
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ];

        var start = new ProcessStartInfo
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = program;
        }
        else
        {
            // A watchdog shell stops Azurite as soon as its standard input closes, which it does when this
            // process ends in any way, even killed: no Azurite outlives the test run.
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(
                "exec 3<&0; \"$@\" </dev/null & pid=$!; { cat <&3 >/dev/null; kill \"$pid\" 2>/dev/null; } & wait \"$pid\"");
            start.ArgumentList.Add("azurite-watchdog");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var azurite = new LocalAzurite(process, directory, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.Record(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return azurite;
    }

    /// <summary>Null once every port answers; otherwise why not.</summary>
    string? WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!Answers(port))
            {
                if (process.HasExited)
                {
                    return $"Azurite exited with code {process.ExitCode} during startup:{Environment.NewLine}{Log()}";
                }

                if (deadline.Elapsed > StartupTimeout)
                {
                    return $"Azurite did not open port {port} within {StartupTimeout.TotalSeconds:0} s:{Environment.NewLine}{Log()}";
                }

                Thread.Sleep(200);
            }
        }

        return null;
    }

    static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static (int Blob, int Queue, int Table) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Enqueue(line);
            if (log.Count > LogLines)
            {
                log.Dequeue();
            }
        }
    }

    string Log()
    {
        lock (log)
        {
            return log.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, log);
        }
    }

    /// <summary>Stops Azurite with every process it started, and removes its working directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        try
        {
            // Closing standard input also ends the watchdog, should Azurite itself have been left behind.
            process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Nothing to close.
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
