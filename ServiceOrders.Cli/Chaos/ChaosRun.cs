using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Chaos;

/// <summary>How a fault-injection run went: what it did to the product and what the product made of it.</summary>
/// <param name="Recoveries">Per kill, how long the orders of the killed host's partitions stood still.</param>
/// <param name="LongestStall">The longest any partition went without a history write while orders were sent and faults injected.</param>
internal sealed record ChaosResult(
    ChaosAudit Audit, int Hosts, int Kills, int StorageRestarts, int Resent, TimeSpan Elapsed, int Seed,
    IReadOnlyList<KillRecovery> Recoveries, TimeSpan? LongestStall)
{
    public bool Passed => Audit.Passed;

    /// <summary>The longest recovery of the run's kills; null when no kill left orders waiting.</summary>
    public TimeSpan? LongestRecovery => Recoveries.Select(r => r.Recovery).Max();

    /// <summary>The run's last line.</summary>
    public string Counts => string.Create(CultureInfo.InvariantCulture,
        $"orders {Audit.Orders}, hosts {Hosts}, kills {Kills}, restarts {StorageRestarts}, lost {Audit.Lost}, duplicated effects {Audit.DuplicatedEffects}, stuck {Audit.Stuck}");
}

/// <summary>
/// A fault-injection run. Starts a disk-backed Azurite and one or more standalone hosts on one task hub, registers the
/// service points, and has a CIS send the orders of a <see cref="ChaosPlan"/> to the intake queue (some twice) while
/// the head-end and crews answer from this process (so no host runs the simulators). Meanwhile the hosts are killed
/// with SIGKILL in turn, one at a time, and started again, and Azurite is restarted. When the orders have ended (or
/// nothing moves any more), it audits every order (see <see cref="ChaosAudit"/>) and works out from the task hub's
/// history how long each kill held up the orders of the killed host's partitions (see <see cref="ChaosRecovery"/>).
/// </summary>
internal sealed class ChaosRun(ChaosSettings settings, LocalSystemPaths paths, TextWriter output, ProgressLine progress)
{
    /// <summary>The task hub of the host's settings; its History table shows how often each order started.</summary>
    const string TaskHub = "ServiceOrders";

    /// <summary>The control queue partitions of the host's settings.</summary>
    const int PartitionCount = 4;

    const int Parallelism = 8;

    static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The host runs with appsettings.Chaos.json: deadlines long enough that a kill never decides an order's path.</summary>
    static readonly Dictionary<string, string> HostSettings = new()
    {
        ["DOTNET_ENVIRONMENT"] = "Chaos",
        ["Simulators__Enabled"] = "false",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    readonly Random random = new(settings.Seed);
    readonly ConcurrentQueue<string> events = new();
    readonly Stopwatch clock = new();
    readonly ConcurrentQueue<ChaosKill> killed = new();
    int fed;
    int kills;
    int restarts;
    DateTimeOffset feedStarted;
    DateTimeOffset faultsEnded;

    public async Task<ChaosResult> RunAsync(string runTag, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var token = timeout.Token;

        clock.Start();
        var plan = ChaosPlan.Create(settings.Orders, runTag);
        var feed = FeedSchedule(plan);
        var resent = feed.Count - plan.Orders.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Chaos run {runTag}: {plan.Orders.Count} orders of {plan.ScenarioCount} scenarios ({resent} sent twice) at {settings.FeedRate:0.#}/s; {HostsText(settings.Hosts)}, {settings.Kills} host kills, {settings.StorageRestarts} storage restarts; seed {settings.Seed}"));

        using var system = await LocalSystem.StartAsync(paths, settings.Storage, HostSettings, settings.Hosts, token);
        var addresses = string.Join(", ", Enumerable.Range(0, system.HostCount).Select(h => system.AddressOf(h).ToString()));
        output.WriteLine($"  Azurite ({settings.Storage.ToString().ToLowerInvariant()}) and {HostsText(system.HostCount)} up at {addresses}; logs: {paths.LogDirectory}");
        using var api = new ApiClient(system.HostAddress, TimeSpan.FromSeconds(15), system.ApiKey);
        await RegisterAsync(api, plan, token);

        await using var outside = await OutsideSystems.StartAsync(
            system.StorageConnectionString, system.HostAddress, system.ApiKey, settings.HeadEndDelay, settings.CrewDelay,
            Path.Combine(paths.LogDirectory, "chaos-outside-systems.log"), token);
        IReadOnlyDictionary<string, int> work;
        IReadOnlyDictionary<string, OrderView?> views;
        var cis = new CisInbox(LocalStorage.Queues(system.StorageConnectionString));
        using (var collecting = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            var collector = cis.CollectAsync(collecting.Token);
            var feeding = FeedAsync(cis, feed, token);
            var faults = InjectFaultsAsync(system, token);
            await WatchAsync(plan, cis, feeding, faults, token);
            await Task.WhenAll(feeding, faults);
            views = await ReadOrdersAsync(api, plan, token);

            // Whatever is on its way now is what the product sent: stop the outside systems, then take the last replies.
            var ledger = outside.Ledger;
            await outside.DisposeAsync();
            work = ledger.Snapshot();
            await collecting.CancelAsync();
            await collector;
            while (await cis.DrainOnceAsync(token) > 0)
            {
            }
        }

        var hub = new TaskHubTables(LocalStorage.Tables(system.StorageConnectionString), TaskHub);
        var starts = await hub.StartsAsync(plan.IdPrefix, token);
        var audit = ChaosAudit.Of(plan, views, cis.Replies, work, starts, cis.Unreadable, clock.Elapsed);
        var history = (await hub.HistoryWritesAsync(plan.IdPrefix, token)).Select(w => new HistoryWrite(w.InstanceId, w.At)).ToList();
        var recoveries = ChaosRecovery.Of(killed.ToList(), history, TaskHub, PartitionCount);
        var stall = ChaosRecovery.LongestStall(history, TaskHub, PartitionCount, feedStarted, faultsEnded);
        return new ChaosResult(audit, settings.Hosts, kills, restarts, resent, clock.Elapsed, settings.Seed, recoveries, stall);
    }

    static string HostsText(int hosts) => hosts == 1 ? "1 host" : string.Create(CultureInfo.InvariantCulture, $"{hosts} hosts");

    /// <summary>Every order once, in the plan's order shuffled; a share of them again at a later moment.</summary>
    List<ServiceOrderRequest> FeedSchedule(ChaosPlan plan)
    {
        var requests = plan.Orders.Select(o => o.Submit.Request).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
        var schedule = new List<ServiceOrderRequest>(requests);
        foreach (var (request, index) in requests.Select((r, i) => (r, i)).ToList())
        {
            if (random.NextDouble() < settings.ResendShare)
            {
                schedule.Insert(random.Next(index + 1, schedule.Count + 1), request);
            }
        }

        return schedule;
    }

    async Task RegisterAsync(ApiClient api, ChaosPlan plan, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(plan.ServicePoints, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (point, ct) => await api.PutServicePointAsync(point, ct));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {plan.ServicePoints.Count} service points registered"));
    }

    async Task FeedAsync(CisInbox cis, List<ServiceOrderRequest> schedule, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / settings.FeedRate);
        feedStarted = DateTimeOffset.UtcNow;
        var started = Stopwatch.StartNew();
        for (var i = 0; i < schedule.Count; i++)
        {
            var due = interval * i - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            await cis.SendAsync(schedule[i], cancellationToken);
            Interlocked.Increment(ref fed);
        }
    }

    /// <summary>
    /// Kills the hosts in turn at random moments, one at a time, and starts each again; restarts the storage between
    /// kills, spread over the run. Before each kill it notes which partitions the host owns.
    /// </summary>
    async Task InjectFaultsAsync(LocalSystem system, CancellationToken cancellationToken)
    {
        var tables = new TaskHubTables(LocalStorage.Tables(system.StorageConnectionString), TaskHub);
        var (minUptime, maxUptime) = system.HostCount > 1
            ? (settings.MinUptimeSeveralHosts, settings.MaxUptimeSeveralHosts)
            : (settings.MinUptime, settings.MaxUptime);
        var restartAfter = Enumerable.Range(1, settings.StorageRestarts)
            .Select(r => settings.Kills * r / (settings.StorageRestarts + 1))
            .ToList();
        try
        {
            for (var k = 0; k <= settings.Kills; k++)
            {
                while (restartAfter.Remove(k))
                {
                    await Task.Delay(Between(minUptime, maxUptime), cancellationToken);
                    var down = Between(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
                    Note($"Azurite stopped for {down.TotalSeconds:0.0} s while the hosts run");
                    await system.RestartStorageAsync(down, cancellationToken);
                    Interlocked.Increment(ref restarts);
                }

                if (k == settings.Kills)
                {
                    break;
                }

                await Task.Delay(Between(minUptime, maxUptime), cancellationToken);
                var host = k % system.HostCount;
                var workerId = WorkerIdOf(system.ProcessIdOf(host));
                var owned = await OwnedPartitionsAsync(tables, workerId, cancellationToken);
                var at = DateTimeOffset.UtcNow;
                await system.KillHostAsync(host);
                killed.Enqueue(new ChaosKill(k + 1, host, workerId, at, owned));
                Interlocked.Increment(ref kills);
                var downtime = Between(TimeSpan.Zero, settings.MaxDowntime);
                var which = system.HostCount > 1 ? string.Create(CultureInfo.InvariantCulture, $"host {host + 1}") : "host";
                Note($"{which} killed (SIGKILL {kills}/{settings.Kills}) owning {(owned.Count == 0 ? "no partition" : string.Join(", ", owned))}, down {downtime.TotalSeconds:0.0} s");
                await Task.Delay(downtime, cancellationToken);
                await system.StartHostAsync(host, cancellationToken);
            }
        }
        finally
        {
            faultsEnded = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>The host's name in the partition table, as it names itself: machine and process id.</summary>
    static string WorkerIdOf(int? processId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{processId}");

    /// <summary>The partitions the host holds; none when the storage does not answer (it may be restarting).</summary>
    static async Task<IReadOnlyList<string>> OwnedPartitionsAsync(TaskHubTables tables, string workerId, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await tables.PartitionsOwnedByAsync(workerId, bound.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [];
        }
    }

    /// <summary>Shows progress until every order has its final reply, or the faults are over and nothing has ended for a while.</summary>
    async Task WatchAsync(ChaosPlan plan, CisInbox cis, Task feeding, Task faults, CancellationToken cancellationToken)
    {
        var total = plan.Orders.Count;
        var lastEnded = -1;
        var lastChange = clock.Elapsed;
        try
        {
            while (true)
            {
                while (events.TryDequeue(out var line))
                {
                    progress.Close();
                    output.WriteLine(line);
                }

                if (feeding.IsFaulted || faults.IsFaulted)
                {
                    return;
                }

                var ended = cis.EndedCount;
                if (ended != lastEnded)
                {
                    (lastEnded, lastChange) = (ended, clock.Elapsed);
                }

                var calm = feeding.IsCompleted && faults.IsCompleted;
                if (calm && (ended >= total || clock.Elapsed - lastChange >= settings.Stall))
                {
                    return;
                }

                progress.Show(
                    string.Create(CultureInfo.InvariantCulture,
                        $"  sent {Volatile.Read(ref fed)}, ended {ended}/{total}, kills {Volatile.Read(ref kills)}/{settings.Kills}, restarts {Volatile.Read(ref restarts)}/{settings.StorageRestarts}, {clock.Elapsed.TotalSeconds:0} s"),
                    key: string.Create(CultureInfo.InvariantCulture, $"{ended / Math.Max(1, total / 20)}:{kills}:{restarts}"));
                await Task.Delay(ProgressInterval, cancellationToken);
            }
        }
        finally
        {
            progress.Close();
        }
    }

    /// <summary>
    /// Each order as the product shows it once it has ended: an order that has sent its final reply still records and
    /// notifies, so those not ended yet are read again until they end or none has ended for the stall time.
    /// </summary>
    async Task<IReadOnlyDictionary<string, OrderView?>> ReadOrdersAsync(ApiClient api, ChaosPlan plan, CancellationToken cancellationToken)
    {
        var views = new ConcurrentDictionary<string, OrderView?>(StringComparer.Ordinal);
        var pending = plan.Orders.Select(o => o.OrderId).ToList();
        var lastChange = clock.Elapsed;
        while (true)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (orderId, ct) =>
                {
                    try
                    {
                        views[orderId] = await api.GetOrderAsync(orderId, ct);
                    }
                    catch (ApiException e) when (e.InnerException is TaskCanceledException)
                    {
                        // A host busy with several others on a small machine may answer late: read it again next round.
                        views.TryAdd(orderId, null);
                    }
                });
            var open = pending.Where(id => views.GetValueOrDefault(id) is not { } view || !view.HasEnded()).ToList();
            if (open.Count < pending.Count)
            {
                lastChange = clock.Elapsed;
            }

            if (open.Count == 0 || clock.Elapsed - lastChange >= settings.Stall)
            {
                progress.Close();
                return views;
            }

            pending = open;
            progress.Show(string.Create(CultureInfo.InvariantCulture, $"  settling: {open.Count} orders not ended yet, {clock.Elapsed.TotalSeconds:0} s"), key: open.Count.ToString(CultureInfo.InvariantCulture));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    TimeSpan Between(TimeSpan low, TimeSpan high) => low + (high - low) * random.NextDouble();

    void Note(string text) =>
        events.Enqueue(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,4:0} s  {text}"));
}
