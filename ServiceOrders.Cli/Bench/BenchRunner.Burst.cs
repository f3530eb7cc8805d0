using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Bench;

internal sealed partial class BenchRunner
{
    /// <summary>
    /// The burst (<see cref="BenchWorkloads.BurstOrders"/>): first the steady phase, its orders sent with at most
    /// <see cref="BurstSizes.SteadyInFlight"/> in flight; then every cut at once, then the move-ins and reconnects.
    /// </summary>
    public async Task<BenchResult> RunBurstAsync(BenchRunSpec spec, BurstSizes sizes, string tag, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        var workload = BenchWorkloads.BurstOrders(tag, sizes);
        var n = workload.Orders.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  steady: {sizes.Steady:N0} cuts, at most {sizes.SteadyInFlight} in flight; then {sizes.Burst:N0} cuts at once, then {sizes.Priority:N0} move-ins and reconnects"));

        using var api = new ApiClient(target.Api, TimeSpan.FromMinutes(5), target.ApiKey);
        using var probe = new BenchProbe(target);
        await RegisterAsync(api, workload, cancellationToken);
        var queues = new QueueServiceClient(target.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var intake = queues.GetQueueClient(QueueNames.ServiceOrderRequests);
        await intake.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var collector = new ReplyCollector(queues.GetQueueClient(QueueNames.CisReplies), time);
        var subscriber = new SubscriberFeed(queues.GetQueueClient(QueueNames.ServiceOrderEvents), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collecting = collector.RunAsync(stop.Token);
        var subscribing = subscriber.RunAsync(stop.Token);
        await probe.StartAsync(cancellationToken);
        var pid = probe.HostPids[0];
        var sentAt = new DateTimeOffset[n];
        var firstSend = time.GetUtcNow();
        var clock = time.GetTimestamp();
        bool Ended(int i) => collector.Replies.TryGetValue(workload.Orders[i].RequestId, out var r) && r.FinalKind is not null;

        // Steady: a new order as soon as fewer than the limit are in flight.
        var steady = Enumerable.Range(0, sizes.Steady).ToList();
        var next = 0;
        var idle = new IdleWatch(time, target.IdleTimeout);
        var progress = ProgressLine.ForConsole();
        try
        {
            while (true)
            {
                var ended = steady.Count(Ended);
                while (next < sizes.Steady && next - ended < sizes.SteadyInFlight)
                {
                    var order = workload.Orders[next];
                    sentAt[next] = time.GetUtcNow();
                    await intake.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(order, ServiceOrdersJson.Options), cancellationToken);
                    next++;
                }

                var seconds = time.GetElapsedTime(clock).TotalSeconds;
                await probe.SampleAdmissionAsync(seconds, cancellationToken);
                progress.Show(string.Create(CultureInfo.InvariantCulture, $"  {spec.Name}, steady: {next:N0} sent, {ended:N0}/{sizes.Steady:N0} replied, {seconds:0} s"), key: (ended * 10 / Math.Max(sizes.Steady, 1)).ToString(CultureInfo.InvariantCulture));
                if (ended >= sizes.Steady || idle.Stalled(next + ended))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
        }
        finally
        {
            progress.Close();
        }

        var steadyEnds = steady.Select(i => collector.Replies.TryGetValue(workload.Orders[i].RequestId, out var r) ? r.FinalAt : null).OfType<DateTimeOffset>().ToList();
        var steadyRate = BenchMath.Rate(steadyEnds.Count, firstSend, steadyEnds.DefaultIfEmpty().Max());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  steady rate: {steadyRate:0.00} orders/s ({steadyEnds.Count:N0} ended)"));

        // The burst: every cut at once, then the move-ins and reconnects behind them.
        var cuts = Enumerable.Range(sizes.Steady, sizes.Burst).ToList();
        var behind = Enumerable.Range(sizes.Steady + sizes.Burst, sizes.Priority).ToList();
        var burstStart = time.GetUtcNow();
        var burstClock = time.GetTimestamp();
        var sending = SendPhasesAsync(intake, workload.Orders, sentAt, [cuts, behind], burstClock, stop.Token);
        var all = cuts.Concat(behind).ToList();
        var peakRss = 0.0;
        idle = new IdleWatch(time, target.IdleTimeout);
        progress = ProgressLine.ForConsole();
        try
        {
            while (true)
            {
                var ended = all.Count(Ended);
                var sent = all.Count(i => sentAt[i] != default);
                var seconds = time.GetElapsedTime(burstClock).TotalSeconds;
                var memory = ProcStatus.Memory(pid);
                peakRss = Math.Max(peakRss, memory?.RssMiB ?? 0);
                await probe.SampleAdmissionAsync(time.GetElapsedTime(clock).TotalSeconds, cancellationToken);
                progress.Show(
                    string.Create(CultureInfo.InvariantCulture,
                        $"  {spec.Name}, burst: {sent:N0} sent, {ended:N0}/{all.Count:N0} replied, {ended / Math.Max(seconds, 0.001):0.0}/s, host {memory?.RssMiB ?? 0:0} MiB, {seconds:0} s"),
                    key: (ended * 10 / Math.Max(all.Count, 1)).ToString(CultureInfo.InvariantCulture));
                if (ended >= all.Count && sending.IsCompleted)
                {
                    break;
                }

                if (idle.Stalled(sent + ended))
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
        var instances = await SettleAsync(hub, SettleLimit, TimeSpan.Zero, cancellationToken, expected: ("Completed", collector.Final));
        await stop.CancelAsync();
        await collecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await subscribing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var ports = StoragePorts(target.StorageConnectionString);
        var (after, requests, cpuByProcess, peaks) = await probe.FinishAsync(ports, cancellationToken);
        var memoryAtEnd = ProcStatus.Memory(pid);
        var history = await hub.HistoryEventsAsync(BenchWorkload.IdPrefix, cancellationToken);
        var perInstance = await InstanceHistory.ReadAsync(target.StorageConnectionString, target.TaskHub, BenchWorkload.IdPrefix, cancellationToken);

        OrderReplies? Reply(int i) => collector.Replies.GetValueOrDefault(workload.Orders[i].RequestId);
        double? Latency(int i) => Reply(i)?.FinalAt is { } at && sentAt[i] != default ? (at - sentAt[i]).TotalSeconds : null;
        Percentiles? LatencyOf(IEnumerable<int> orders) => Percentiles.Of(orders.Select(Latency).OfType<double>().ToList());
        var replyKinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in collector.Replies.Values.Select(r => r.FinalKind).OfType<CisReplyKind>())
        {
            replyKinds[kind.ToString()] = replyKinds.GetValueOrDefault(kind.ToString()) + 1;
        }

        var completed = Enumerable.Range(0, n).Count(i => Reply(i)?.FinalKind == CisReplyKind.Completed);
        var finals = Enumerable.Range(0, n).Count(i => Reply(i)?.FinalKind is not null);
        var lost = Enumerable.Range(0, n).Count(i => sentAt[i] != default && Reply(i) is null && !perInstance.StartsByInstance.ContainsKey(workload.Orders[i].RequestId));
        var stuck = n - finals - lost;
        var cutEnds = cuts.Select(i => Reply(i)?.FinalAt).OfType<DateTimeOffset>().ToList();
        var goodput = BenchMath.Rate(cuts.Count(i => Reply(i)?.FinalKind == CisReplyKind.Completed), burstStart, cutEnds.DefaultIfEmpty().Max());
        var moveIns = behind.Where(i => workload.Orders[i].RequestType == RequestType.EnableService).ToList();
        var reconnects = behind.Where(i => workload.Orders[i].RequestType == RequestType.ReconnectForPayment).ToList();
        var burst = new BurstFigures(
            sizes.Steady, sizes.SteadyInFlight, steadyRate is { } sr ? Math.Round(sr, 2) : null,
            sizes.Burst, cutEnds.Count, goodput is { } g ? Math.Round(g, 2) : null, BenchMath.Ratio(goodput, steadyRate),
            lost, perInstance.StartedMoreThanOnce, stuck,
            LatencyOf(cuts), LatencyOf(moveIns), LatencyOf(reconnects), moveIns.Count, reconnects.Count);

        var problems = new List<string>();
        if (lost > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{lost} orders lost (sent, never started, no reply)"));
        }

        if (perInstance.StartedMoreThanOnce > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{perInstance.StartedMoreThanOnce} orders were started more than once"));
        }

        if (stuck > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{stuck} orders did not reach the expected state"));
        }

        if (finals - completed > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{finals - completed} orders ended otherwise than expected ({string.Join(", ", replyKinds.Select(k => $"{k.Key} {k.Value}"))})"));
        }

        var window = Window(firstSend, instances.LastUpdated, collector.Replies.Values.Select(v => v.FinalAt));
        var figures = Figures(n, completed, finals - completed, stuck, window, history, instances,
            Percentiles.Of(Enumerable.Range(0, n).Select(Latency).OfType<double>().ToList()), null,
            memoryAtEnd, requests, replyKinds) with { SubscriberEvents = subscriber.Events };
        var result = new BenchResult(spec.Name, workload.Description, startedAt, MachineInfo.GitCommit(), machine,
            new BenchRunSettings(n, null, SendConcurrency, spec.HostSettings, after.Durable), figures, problems)
        {
            Tag = tag,
            Hosts = probe.HostPids.Count,
            CpuSeconds = cpuByProcess,
            HostsPeakRssMiB = peaks,
            Burst = burst,
            Timeline = BenchMath.Timeline(Enumerable.Range(0, n).Where(i => sentAt[i] != default).Select(i => (sentAt[i], Reply(i)?.FinalAt)), firstSend, BenchMath.TimelineWindowLength),
            Admission = probe.Admission.Count > 0 ? [.. probe.Admission] : null,
        };
        WriteSummary(result);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  burst: {burst.Ended:N0}/{burst.Orders:N0} cuts ended, goodput {burst.GoodputOrdersPerSecond:0.00}/s = {burst.GoodputRatio:0.00} of the steady {burst.SteadyOrdersPerSecond:0.00}/s; p95 cuts {burst.CutsIntakeToReplySeconds?.P95:0.0} s, move-ins {burst.MoveInsIntakeToReplySeconds?.P95:0.0} s, reconnects {burst.ReconnectsIntakeToReplySeconds?.P95:0.0} s"));
        return result;
    }

    /// <summary>Each phase's orders at once (bounded), one phase after the other.</summary>
    async Task SendPhasesAsync(QueueClient intake, IReadOnlyList<ServiceOrderRequest> orders, DateTimeOffset[] sentAt, IReadOnlyList<IReadOnlyList<int>> phases, long clock, CancellationToken cancellationToken)
    {
        foreach (var phase in phases)
        {
            var subset = phase.Select(i => orders[i]).ToList();
            var at = new DateTimeOffset[subset.Count];
            await SendAllAsync(intake, subset, at, null, clock, cancellationToken);
            for (var k = 0; k < phase.Count; k++)
            {
                sentAt[phase[k]] = at[k];
            }
        }
    }

    /// <summary>
    /// After the open run and a kill of its host: crew completions for the first <paramref name="sample"/> open orders
    /// (read from <c>field-dispatches</c>) once the new host answers, and the time until they end, from the kill.
    /// </summary>
    public async Task<BenchResult> RunResumeAsync(BenchRunSpec spec, BenchResult open, int sample, DateTimeOffset killedAt, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        using var probe = new BenchProbe(target);
        using var diagnostics = new BenchDiagnostics(target.Api, target.ApiKey);
        using var api = new ApiClient(target.Api, TimeSpan.FromMinutes(1), target.ApiKey);
        var ready = time.GetUtcNow();
        await probe.StartAsync(cancellationToken);
        var queues = new QueueServiceClient(target.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var collector = new ReplyCollector(queues.GetQueueClient(QueueNames.CisReplies), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collecting = collector.RunAsync(stop.Token);

        // The dispatches of the sample: taken off field-dispatches as a crew system would, answered by the API.
        var dispatches = queues.GetQueueClient(QueueNames.FieldDispatches);
        var taken = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var clock = time.GetTimestamp();
        while (taken.Count < sample && time.GetElapsedTime(clock) < TimeSpan.FromSeconds(60))
        {
            var messages = (await dispatches.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), cancellationToken)).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                if (taken.Count >= sample)
                {
                    break;
                }

                var dispatch = System.Text.Json.JsonSerializer.Deserialize<FieldDispatch>(message.Body.ToString(), ServiceOrdersJson.Options);
                if (dispatch is null || !dispatch.OrderId.Value.StartsWith(BenchWorkload.IdPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var now = time.GetUtcNow();
                var completion = new FieldCompletion(CompletionCode.Completed, "Crew 7", now, SwitchState.Connected,
                    [new Reading("1.8.0", 1000m, "kWh", now)]);
                var status = await diagnostics.PostJsonAsync($"api/field-activities/{Uri.EscapeDataString(dispatch.ActivityId.Value)}/completion", completion, cancellationToken);
                if (status is >= 200 and < 300)
                {
                    taken[dispatch.OrderId.Value] = now;
                    await dispatches.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {taken.Count:N0} crew completions sent after the restart; waiting for the orders to end"));
        var idle = new IdleWatch(time, target.IdleTimeout);
        while (true)
        {
            var ended = taken.Keys.Count(id => collector.Replies.TryGetValue(id, out var r) && r.FinalKind is not null);
            if (ended >= taken.Count || idle.Stalled(ended))
            {
                break;
            }

            await Task.Delay(Tick, time, cancellationToken);
        }

        await stop.CancelAsync();
        await collecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var ports = StoragePorts(target.StorageConnectionString);
        var (after, requests, cpuByProcess, peaks) = await probe.FinishAsync(ports, cancellationToken);
        var finals = taken.Keys.Select(id => collector.Replies.TryGetValue(id, out var r) ? r : null).Where(r => r?.FinalAt is not null).ToList();
        var endTimes = finals.Select(r => r!.FinalAt!.Value).ToList();
        var resume = new ResumeFigures(
            taken.Count,
            finals.Count,
            Math.Round((ready - killedAt).TotalSeconds, 1),
            endTimes.Count > 0 ? Math.Round((endTimes.Min() - killedAt).TotalSeconds, 1) : null,
            finals.Count == taken.Count && endTimes.Count > 0 ? Math.Round((endTimes.Max() - killedAt).TotalSeconds, 1) : null,
            Percentiles.Of(taken.Where(t => collector.Replies.TryGetValue(t.Key, out var r) && r.FinalAt is not null)
                .Select(t => (collector.Replies[t.Key].FinalAt!.Value - t.Value).TotalSeconds).ToList()));
        var problems = new List<string>();
        if (taken.Count < sample)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"only {taken.Count} of {sample} dispatches could be answered"));
        }

        if (finals.Count < taken.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{taken.Count - finals.Count} answered orders did not end"));
        }

        var memory = ProcStatus.Memory(probe.HostPids[0]);
        var window = Math.Max((time.GetUtcNow() - ready).TotalSeconds, 0.001);
        var figures = Figures(taken.Count, finals.Count(r => r!.FinalKind == CisReplyKind.Completed), finals.Count(r => r!.FinalKind != CisReplyKind.Completed), taken.Count - finals.Count,
            window, new Dictionary<string, long>(), new InstanceSummary(new Dictionary<string, int>(), 0, null, null), resume.CompletionToReplySeconds, null, memory, requests, new Dictionary<string, int>());
        var result = new BenchResult(spec.Name, $"the host of {open.Workload} killed and started again; crew completions for {sample} of its open orders", startedAt, MachineInfo.GitCommit(), machine,
            new BenchRunSettings(taken.Count, null, 1, spec.HostSettings, after.Durable), figures, problems)
        {
            Tag = open.Tag,
            CpuSeconds = cpuByProcess,
            HostsPeakRssMiB = peaks,
            Resume = resume,
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  resume: host answering {resume.HostReadySeconds:0.0} s after the kill; first of {resume.Sample} ended at {resume.FirstEndedSeconds:0.0} s, all at {resume.AllEndedSeconds:0.0} s"));
        foreach (var problem in problems)
        {
            output.WriteLine($"  ✗ {problem}");
        }

        return result;
    }

    /// <summary>Says when a count stopped moving for the idle timeout.</summary>
    sealed class IdleWatch(TimeProvider time, TimeSpan limit)
    {
        long last = time.GetTimestamp();
        int count = -1;

        public bool Stalled(int now)
        {
            if (now != count)
            {
                count = now;
                last = time.GetTimestamp();
                return false;
            }

            return time.GetElapsedTime(last) >= limit;
        }
    }
}

/// <summary>
/// The burst's sizes: <paramref name="Burst"/> cuts at once; before them <paramref name="Steady"/> cuts with at most
/// <paramref name="SteadyInFlight"/> in flight; after them <paramref name="Priority"/> move-ins and reconnects.
/// </summary>
internal sealed record BurstSizes(int Burst, int Steady, int SteadyInFlight, int Priority)
{
    public const int DefaultSteadyInFlight = 20;

    /// <summary>The steady phase a tenth of the burst (20 to 1,000 orders), the orders behind it a fiftieth (10 to 200).</summary>
    public static BurstSizes For(int burst) =>
        new(burst, Math.Clamp(burst / 10, 20, 1_000), DefaultSteadyInFlight, Math.Clamp(burst / 50, 10, 200));
}
