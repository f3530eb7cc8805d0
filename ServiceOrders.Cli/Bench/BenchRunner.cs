using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;

namespace ServiceOrders.Cli.Bench;

/// <summary>Where one run reaches the host and its storage, and how long it may wait.</summary>
internal sealed record BenchTarget(
    Uri Api,
    string? ApiKey,
    string StorageConnectionString,
    int? HostPid,
    TimeSpan IdleTimeout,
    string TaskHub,
    IReadOnlyList<Uri>? PeerApis = null,
    IReadOnlyList<int>? PeerPids = null,
    int? AzuritePid = null);

/// <summary>
/// Runs one workload against a fresh host: registers its service points through the registry import, puts its
/// orders on the intake queue (as fast as they go, or at a given rate), follows the CIS replies until every order
/// stands as the workload expects or nothing moves for the idle timeout, and then counts what the engine did.
/// </summary>
internal sealed partial class BenchRunner(BenchTarget target, TimeProvider time, TextWriter output)
{
    /// <summary>Sends in flight at once; the intake takes 16 messages at a time by default.</summary>
    public const int SendConcurrency = 16;

    const int ImportChunk = 2_000;
    const int HelloCitiesActivities = 5;
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    /// <summary>After the last reply the orchestrations still notify and release the service point; they get this long.</summary>
    static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    /// <summary>For the open orders: let the host finish what it was doing before its memory is read.</summary>
    static readonly TimeSpan OpenSettle = TimeSpan.FromSeconds(5);

    public async Task<BenchResult> RunOrdersAsync(BenchRunSpec spec, BenchWorkload workload, string tag, double? ordersPerSecond, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        var n = workload.Orders.Count;
        var pace = ordersPerSecond is { } r ? string.Create(CultureInfo.InvariantCulture, $"paced at {r:0.#} orders/s") : "as fast as the host takes them";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n:N0} orders: {workload.Description}; {pace}"));

        using var api = new ApiClient(target.Api, TimeSpan.FromMinutes(5), target.ApiKey);
        using var probe = new BenchProbe(target);
        await RegisterAsync(api, workload, cancellationToken);
        var expectCrew = workload.Goal == BenchGoal.WaitingForCrew;

        // Open orders: what the storage account holds before them, to tell what they add.
        var censusBefore = expectCrew ? await StorageCensus.TakeAsync(target.StorageConnectionString, cancellationToken) : null;

        var queues = new QueueServiceClient(target.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var intake = queues.GetQueueClient(QueueNames.ServiceOrderRequests);
        await intake.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var dispatches = queues.GetQueueClient(QueueNames.FieldDispatches);
        var collector = new ReplyCollector(queues.GetQueueClient(QueueNames.CisReplies), time);
        var subscriber = new SubscriberFeed(queues.GetQueueClient(QueueNames.ServiceOrderEvents), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collecting = collector.RunAsync(stop.Token);
        var subscribing = subscriber.RunAsync(stop.Token);

        await probe.StartAsync(cancellationToken);
        var pid = probe.HostPids[0];
        var cpuBefore = ProcStatus.CpuSeconds(pid);
        var sentAt = new DateTimeOffset[n];
        var firstSend = time.GetUtcNow();
        var clock = time.GetTimestamp();
        var sending = SendAllAsync(intake, workload.Orders, sentAt, ordersPerSecond, clock, stop.Token);

        var progress = ProgressLine.ForConsole();
        var lastMoved = time.GetTimestamp();
        var lastCount = -1;
        var dispatched = 0;
        var sent = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sent = sentAt.Count(s => s != default);
                if (expectCrew)
                {
                    dispatched = await ApproximateCountAsync(dispatches, cancellationToken);
                }

                var done = expectCrew ? Math.Min(collector.Acknowledged, dispatched) : collector.Final;
                var memory = ProcStatus.Memory(pid);
                var seconds = time.GetElapsedTime(clock).TotalSeconds;
                await probe.SampleAdmissionAsync(seconds, cancellationToken);
                var verb = expectCrew ? "waiting for a crew" : "replied";
                progress.Show(
                    string.Create(CultureInfo.InvariantCulture,
                        $"  {spec.Name}: {sent:N0} sent, {done:N0}/{n:N0} {verb}, {done / Math.Max(seconds, 0.001):0.0}/s, host {memory?.RssMiB ?? 0:0} MiB, {seconds:0} s"),
                    key: (done * 10 / Math.Max(n, 1)).ToString(CultureInfo.InvariantCulture));

                if (done >= n && sending.IsCompleted)
                {
                    break;
                }

                var moved = sent + collector.Acknowledged + collector.Final + dispatched;
                if (moved != lastCount)
                {
                    lastCount = moved;
                    lastMoved = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(lastMoved) >= target.IdleTimeout)
                {
                    progress.Close();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  nothing moved for {target.IdleTimeout.TotalSeconds:0} s; counting what stands"));
                    break;
                }

                await Task.Delay(Tick, time, cancellationToken);
            }
        }
        finally
        {
            progress.Close();
        }

        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var hub = new TaskHubTables(new TableServiceClient(target.StorageConnectionString), target.TaskHub);
        var instances = expectCrew
            ? await SettleAsync(hub, TimeSpan.Zero, OpenSettle, cancellationToken)
            : await SettleAsync(hub, SettleLimit, TimeSpan.Zero, cancellationToken, expected: ("Completed", collector.Final));
        await stop.CancelAsync();
        await collecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await subscribing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var ports = StoragePorts(target.StorageConnectionString);
        var (after, requests, cpuByProcess, peaks) = await probe.FinishAsync(ports, cancellationToken);
        var memoryAtEnd = ProcStatus.Memory(pid);
        var cpuAfter = ProcStatus.CpuSeconds(pid);
        var history = await hub.HistoryEventsAsync(BenchWorkload.IdPrefix, cancellationToken);
        var perInstance = await InstanceHistory.ReadAsync(target.StorageConnectionString, target.TaskHub, BenchWorkload.IdPrefix, cancellationToken);
        var storage = censusBefore is null ? null : (await StorageCensus.TakeAsync(target.StorageConnectionString, cancellationToken)).PerOrderSince(censusBefore, n);

        var latencies = new List<double>(n);
        var seen = new List<double>(n);
        var replyKinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (!collector.Replies.TryGetValue(workload.Orders[i].RequestId, out var replies))
            {
                continue;
            }

            if (replies.AcknowledgedAt is not null)
            {
                replyKinds[nameof(CisReplyKind.Acknowledged)] = replyKinds.GetValueOrDefault(nameof(CisReplyKind.Acknowledged)) + 1;
            }

            if (replies.FinalKind is { } kind)
            {
                replyKinds[kind.ToString()] = replyKinds.GetValueOrDefault(kind.ToString()) + 1;
            }

            var (at, seenAt) = expectCrew ? (replies.AcknowledgedAt, replies.AcknowledgedSeenAt) : (replies.FinalAt, replies.FinalSeenAt);
            if (at is { } a && seenAt is { } s && sentAt[i] != default)
            {
                latencies.Add((a - sentAt[i]).TotalSeconds);
                seen.Add((s - sentAt[i]).TotalSeconds);
            }
        }

        int asExpected, unexpected, stuck;
        var problems = new List<string>();
        if (expectCrew)
        {
            var running = instances.InStatus("Running");
            unexpected = collector.Final;
            asExpected = Math.Min(Math.Min(collector.Acknowledged, running), dispatched);
            stuck = n - asExpected - unexpected;
        }
        else
        {
            asExpected = replyKinds.GetValueOrDefault(nameof(CisReplyKind.Completed));
            unexpected = collector.Final - asExpected;
            stuck = n - collector.Final;
            var notCompleted = instances.Count - instances.InStatus("Completed");
            if (notCompleted > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{notCompleted} orchestrations had not completed {SettleLimit.TotalSeconds:0} s after the last reply"));
            }
        }

        if (unexpected > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{unexpected} orders ended otherwise than expected ({string.Join(", ", replyKinds.Select(k => $"{k.Key} {k.Value}"))})"));
        }

        if (stuck > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{stuck} orders did not reach the expected state"));
        }

        if (perInstance.StartedMoreThanOnce > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{perInstance.StartedMoreThanOnce} orders were started more than once"));
        }

        var window = Window(firstSend, instances.LastUpdated, collector.Replies.Values.Select(v => expectCrew ? v.AcknowledgedAt : v.FinalAt));
        var figures = Figures(n, asExpected, unexpected, stuck, window, history, instances, Percentiles.Of(latencies), Percentiles.Of(seen),
            memoryAtEnd is { } m && peaks.Count > 1 ? (m.RssMiB, peaks.Max()) : memoryAtEnd, requests, replyKinds) with
        {
            SubscriberEvents = subscriber.Events,
            HostCpuMillisecondsPerOrder = cpuAfter - cpuBefore is { } cpu ? Math.Round(cpu * 1000 / Math.Max(n, 1), 1) : null,
        };
        var settings = new BenchRunSettings(n, ordersPerSecond, SendConcurrency, spec.HostSettings, after.Durable);
        var ends = workload.Orders.Select((o, i) => (Sent: sentAt[i], Ended: collector.Replies.TryGetValue(o.RequestId, out var r) ? (expectCrew ? r.AcknowledgedAt : r.FinalAt) : null)).ToList();
        var result = new BenchResult(spec.Name, workload.Description, startedAt, MachineInfo.GitCommit(), machine, settings, figures, problems)
        {
            Tag = tag,
            Hosts = probe.HostPids.Count,
            CpuSeconds = cpuByProcess,
            HostsPeakRssMiB = peaks,
            Timeline = BenchMath.Timeline(ends.Where(e => e.Sent != default), firstSend, BenchMath.TimelineWindowLength),
            ByRequestType = workload.Orders.Select(o => o.RequestType).Distinct().Count() > 1
                ? BenchMath.ByRequestType(
                    workload.Orders.Select((o, i) => (o.RequestId, o.RequestType.ToString(), ends[i].Ended is { } e && ends[i].Sent != default ? (e - ends[i].Sent).TotalSeconds : (double?)null, ends[i].Ended is not null)),
                    perInstance.ActionsByInstance)
                : null,
            Storage = storage,
            Admission = probe.Admission.Count > 0 ? [.. probe.Admission] : null,
        };
        WriteSummary(result);
        return result;
    }

    public async Task<BenchResult> RunBaselineAsync(BenchRunSpec spec, int count, string tag, ShapeCounts? shape, string? shapeSource, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        var description = shape is null
            ? $"\"hello, cities\": {HelloCitiesActivities} trivial activities in a row, the bare engine on the same settings"
            : string.Create(CultureInfo.InvariantCulture,
                $"same shape: {shape.Activities} trivial activities, {shape.Events} events raised from outside by a client call, {shape.Timers} deadline timers, the bare engine on the same settings");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count:N0} orchestrations: {description}"));
        using var diagnostics = new BenchDiagnostics(target.Api, target.ApiKey);
        var before = await diagnostics.EngineAsync(cancellationToken);
        var pid = target.HostPid ?? before.ProcessId;
        var prefix = $"{BenchWorkload.IdPrefix}{tag}-";
        var first = time.GetUtcNow();
        var clock = time.GetTimestamp();
        await diagnostics.StartBaselineAsync(count, prefix, shape, cancellationToken);

        var progress = ProgressLine.ForConsole();
        var lastMoved = time.GetTimestamp();
        var last = new BaselineProgress(0, 0, 0);
        try
        {
            while (true)
            {
                var now = await diagnostics.BaselineAsync(cancellationToken);
                var seconds = time.GetElapsedTime(clock).TotalSeconds;
                var memory = ProcStatus.Memory(pid);
                progress.Show(
                    string.Create(CultureInfo.InvariantCulture,
                        $"  {spec.Name}: {now.Started:N0} started, {now.Finished:N0}/{count:N0} finished, {now.Finished / Math.Max(seconds, 0.001):0.0}/s, host {memory?.RssMiB ?? 0:0} MiB, {seconds:0} s"),
                    key: (now.Finished * 10 / count).ToString(CultureInfo.InvariantCulture));
                if (now.Finished + now.FailedStarts >= count)
                {
                    break;
                }

                if (now != last)
                {
                    last = now;
                    lastMoved = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(lastMoved) >= target.IdleTimeout)
                {
                    break;
                }

                await Task.Delay(Tick, time, cancellationToken);
            }
        }
        finally
        {
            progress.Close();
        }

        var hub = new TaskHubTables(new TableServiceClient(target.StorageConnectionString), target.TaskHub);
        var instances = await SettleAsync(hub, SettleLimit, TimeSpan.Zero, cancellationToken, expected: ("Completed", count));
        var after = await diagnostics.EngineAsync(cancellationToken);
        var memoryAtEnd = ProcStatus.Memory(pid);
        var history = await hub.HistoryEventsAsync(BenchWorkload.IdPrefix, cancellationToken);
        var completed = instances.InStatus("Completed");
        var problems = new List<string>();
        if (completed < count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{count - completed} orchestrations did not complete"));
        }

        var window = Window(first, instances.LastUpdated, []);
        var ports = StoragePorts(target.StorageConnectionString);
        var figures = Figures(count, completed, 0, count - completed, window, history, instances, null, null,
            memoryAtEnd, after.RequestsSince(before, ports), new Dictionary<string, int>());
        var result = new BenchResult(spec.Name, description, startedAt, MachineInfo.GitCommit(), machine,
            new BenchRunSettings(count, null, 16, spec.HostSettings, after.Durable), figures, problems)
        {
            Shape = shape,
            ShapeSource = shapeSource,
        };
        WriteSummary(result);
        return result;
    }

    async Task RegisterAsync(ApiClient api, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var progress = ProgressLine.ForConsole();
        var clock = time.GetTimestamp();
        var done = 0;
        try
        {
            foreach (var chunk in workload.Points.Chunk(ImportChunk))
            {
                progress.Show(string.Create(CultureInfo.InvariantCulture, $"  registering service points: {done:N0}/{workload.Points.Count:N0}"), key: done.ToString(CultureInfo.InvariantCulture));
                var outcome = await api.ImportServicePointsAsync(BenchWorkload.Csv(chunk), cancellationToken);
                if (outcome.Errors.Count > 0)
                {
                    throw new ApiException($"the registry refused the bench's service points: {outcome.Errors[0].Code} on line {outcome.Errors[0].Line}: {outcome.Errors[0].Message}");
                }

                done += outcome.Imported;
            }
        }
        finally
        {
            progress.Close();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  registered {done:N0} service points in {time.GetElapsedTime(clock).TotalSeconds:0.0} s"));
    }

    /// <summary>Puts every order on the intake queue: at once (bounded), or the i-th at i / rate seconds after the start.</summary>
    async Task SendAllAsync(QueueClient intake, IReadOnlyList<ServiceOrderRequest> orders, DateTimeOffset[] sentAt, double? ordersPerSecond, long clock, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(SendConcurrency);
        var sends = new List<Task>(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            if (ordersPerSecond is { } rate)
            {
                var due = TimeSpan.FromSeconds(i / rate) - time.GetElapsedTime(clock);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken);
                }
            }

            await slots.WaitAsync(cancellationToken);
            var index = i;
            sends.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var at = time.GetUtcNow();
                        await intake.SendMessageAsync(JsonSerializer.Serialize(orders[index], ServiceOrdersJson.Options), cancellationToken);
                        sentAt[index] = at;
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(sends);
    }

    /// <summary>Reads the run's instances until <paramref name="expected"/> of them stand in that status, or the limit passes.</summary>
    async Task<InstanceSummary> SettleAsync(TaskHubTables hub, TimeSpan limit, TimeSpan pause, CancellationToken cancellationToken, (string Status, int Count)? expected = null)
    {
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken);
        }

        var clock = time.GetTimestamp();
        while (true)
        {
            var instances = await hub.InstancesAsync(BenchWorkload.IdPrefix, cancellationToken);
            if (expected is not { } e || instances.InStatus(e.Status) >= e.Count || time.GetElapsedTime(clock) >= limit)
            {
                return instances;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }

    static async Task<int> ApproximateCountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException)
        {
            return 0;
        }
    }

    /// <summary>From the first send to the last update of the run's orchestrations (or the last reply, if later).</summary>
    static double Window(DateTimeOffset first, DateTimeOffset? lastUpdated, IEnumerable<DateTimeOffset?> replies)
    {
        var end = replies.OfType<DateTimeOffset>().DefaultIfEmpty(first).Max();
        if (lastUpdated is { } updated && updated > end)
        {
            end = updated;
        }

        return Math.Max((end - first).TotalSeconds, 0.001);
    }

    static BenchFigures Figures(
        int n, int asExpected, int unexpected, int stuck, double window, IReadOnlyDictionary<string, long> history, InstanceSummary instances,
        Percentiles? latency, Percentiles? seen, (double RssMiB, double PeakMiB)? memory, IReadOnlyDictionary<string, long> requests, IReadOnlyDictionary<string, int> replies)
    {
        var actions = TaskHubTables.DurableActions(history);
        var storageRequests = requests.Values.Sum();
        return new BenchFigures(
            n, asExpected, unexpected, stuck,
            Math.Round(window, 2),
            Math.Round(asExpected / window, 2),
            actions,
            history.GetValueOrDefault(TaskHubTables.EpisodeStarted),
            Math.Round(actions / window, 1),
            Math.Round(actions / (double)Math.Max(n, 1), 1),
            latency, seen,
            memory is { } m ? Math.Round(m.PeakMiB, 1) : null,
            memory is { } m2 ? Math.Round(m2.RssMiB, 1) : null,
            storageRequests,
            Math.Round(storageRequests / (double)Math.Max(n, 1), 1),
            requests, history, instances.ByStatus, replies);
    }

    /// <summary>The emulator's blob, queue and table ports, from the endpoints in the connection string.</summary>
    static IReadOnlyCollection<int> StoragePorts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].EndsWith("Endpoint", StringComparison.Ordinal) && Uri.TryCreate(kv[1], UriKind.Absolute, out _))
            .Select(kv => new Uri(kv[1]).Port)
            .ToHashSet();

    void WriteSummary(BenchResult result)
    {
        var f = result.Figures;
        var latency = f.IntakeToReplySeconds is { } l ? string.Create(CultureInfo.InvariantCulture, $", p95 {l.P95:0.00} s") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {f.AsExpected:N0}/{f.Orders:N0} as expected in {f.WindowSeconds:0.0} s: {f.OrdersPerSecond:0.0}/s, {f.DurableActionsPerSecond:0} durable actions/s{latency}, host peak {f.HostPeakRssMiB:0} MiB"));
        foreach (var problem in result.Problems)
        {
            output.WriteLine($"  ✗ {problem}");
        }
    }
}
