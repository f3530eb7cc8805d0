using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// What a run reads from its hosts and Azurite before and after: each host's storage requests (its bench route), the
/// CPU seconds of each host and Azurite process, each host's peak memory; and during the run, the first host's
/// admission queue when it has one.
/// </summary>
internal sealed class BenchProbe : IDisposable
{
    readonly BenchTarget target;
    readonly List<BenchDiagnostics> hosts;
    readonly HttpClient admission;
    IReadOnlyList<EngineInfo> before = [];
    IReadOnlyDictionary<string, double> cpuBefore = new Dictionary<string, double>();
    readonly List<AdmissionSample> samples = [];
    bool admissionMissing;

    public BenchProbe(BenchTarget target)
    {
        this.target = target;
        hosts = [new BenchDiagnostics(target.Api, target.ApiKey), .. (target.PeerApis ?? []).Select(a => new BenchDiagnostics(a, target.ApiKey))];
        admission = new HttpClient { BaseAddress = new Uri(target.Api.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        if (target.ApiKey is not null)
        {
            admission.DefaultRequestHeaders.Add(ApiKeyHeader.Name, target.ApiKey);
        }
    }

    /// <summary>The host processes: the first host's (as given, else as it reports), then the others'.</summary>
    public IReadOnlyList<int> HostPids { get; private set; } = [];

    public IReadOnlyList<AdmissionSample> Admission => samples;

    public async Task<EngineInfo> StartAsync(CancellationToken cancellationToken)
    {
        before = await Task.WhenAll(hosts.Select(h => h.EngineAsync(cancellationToken)));
        HostPids = [target.HostPid ?? before[0].ProcessId, .. target.PeerPids ?? before.Skip(1).Select(b => b.ProcessId).ToList()];
        cpuBefore = ProcessCpu.Snapshot(HostPids, target.AzuritePid);
        return before[0];
    }

    /// <summary>Reads <c>GET /api/admission</c> once; after a 404 (no admission control in this host) never again.</summary>
    public async Task SampleAdmissionAsync(double seconds, CancellationToken cancellationToken)
    {
        if (admissionMissing)
        {
            return;
        }

        try
        {
            using var response = await admission.GetAsync("api/admission", cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                admissionMissing = true;
                return;
            }

            if (response.IsSuccessStatusCode)
            {
                var state = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                samples.Add(new AdmissionSample(Math.Round(seconds, 1), state));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
        }
    }

    /// <summary>The storage requests of all hosts since the start, per kind; their CPU and Azurite's; each host's peak memory.</summary>
    public async Task<(EngineInfo First, IReadOnlyDictionary<string, long> Requests, IReadOnlyDictionary<string, double> Cpu, IReadOnlyList<double> Peaks)> FinishAsync(
        IReadOnlyCollection<int> storagePorts, CancellationToken cancellationToken)
    {
        var after = await Task.WhenAll(hosts.Select(h => h.EngineAsync(cancellationToken)));
        var requests = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < after.Length; i++)
        {
            foreach (var (key, n) in after[i].RequestsSince(before[i], storagePorts))
            {
                requests[key] = requests.GetValueOrDefault(key) + n;
            }
        }

        var cpu = ProcessCpu.Since(cpuBefore, ProcessCpu.Snapshot(HostPids, target.AzuritePid));
        var peaks = HostPids.Select(p => ProcStatus.Memory(p) is { } m ? Math.Round(m.PeakMiB, 1) : 0).ToList();
        return (after[0], requests, cpu, peaks);
    }

    public void Dispose()
    {
        hosts.ForEach(h => h.Dispose());
        admission.Dispose();
    }
}
