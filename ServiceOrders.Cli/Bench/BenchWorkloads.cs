using System.Globalization;
using System.Text;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using static ServiceOrders.Contracts.ServicePoints.Commodity;
using static ServiceOrders.Contracts.ServicePoints.MeterClass;
using static ServiceOrders.Contracts.ServicePoints.SwitchState;

namespace ServiceOrders.Cli.Bench;

/// <summary>How the orders of a workload are expected to stand when it is over.</summary>
internal enum BenchGoal
{
    /// <summary>Every order ends with a <c>Completed</c> reply.</summary>
    Completed,

    /// <summary>Every order is acknowledged and waits for a crew that does not answer during the run.</summary>
    WaitingForCrew,
}

/// <summary>The service points to register and the orders to send for one workload.</summary>
internal sealed record BenchWorkload(string Name, string Description, BenchGoal Goal, IReadOnlyList<ServicePoint> Points, IReadOnlyList<ServiceOrderRequest> Orders)
{
    /// <summary>Instance ids of a workload start with this, so its rows can be picked out of the task hub's tables.</summary>
    public const string IdPrefix = "B-";

    /// <summary>The registry import file of these service points (the columns of <c>samples/service-points.csv</c>).</summary>
    public static byte[] Csv(IEnumerable<ServicePoint> points)
    {
        var csv = new StringBuilder("servicePointId,commodity,meterId,meterClass,commissioned,switch,intervalCapable,headEndId,unmetered,itemSwitch\n");
        foreach (var p in points)
        {
            var m = p.Meter;
            csv.Append(CultureInfo.InvariantCulture,
                $"{p.ServicePointId},{p.Commodity},{m?.MeterId},{m?.Class},{Flag(m?.Commissioned)},{m?.Switch},{Flag(m?.IntervalCapable)},{m?.HeadEndId},{Flag(p.Unmetered)},{(p.Unmetered ? p.ItemSwitch : null)}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    static string Flag(bool? value) => value is true ? "true" : "false";
}

/// <summary>The workloads the bench can run; see the README's "Performance" section.</summary>
internal static class BenchWorkloads
{
    public const string Reconnect = "reconnect";
    public const string ReconnectHalfRate = "reconnect-half-rate";

    /// <summary>The reconnect workload again, with the host exporting its traces, metrics and logs over OTLP: the cost of telemetry.</summary>
    public const string ReconnectTelemetry = "reconnect-telemetry";
    public const string Mix = "mix";
    public const string Open = "open";
    public const string MassDisconnect = "mass-disconnect";

    /// <summary>A mass disconnect sent at once after a steady phase, with move-ins and reconnects behind it.</summary>
    public const string Burst = "burst";

    /// <summary>After <see cref="Open"/>: its host killed and started again, and a sample of its orders completed.</summary>
    public const string OpenResume = "open-resume";

    /// <summary>The reconnect workload on several hosts sharing the task hub; the run is named <c>reconnect-{n}-hosts</c>.</summary>
    public static string ReconnectOnHosts(int hosts) => string.Create(CultureInfo.InvariantCulture, $"reconnect-{hosts}-hosts");

    /// <summary>Head-ends the mass disconnect spreads its meters over; each paces its own commands.</summary>
    public const int MassDisconnectHeadEnds = 4;

    /// <summary>ReconnectForPayment on a smart electric meter that is off: remote connect, read, reply, notify.</summary>
    public static BenchWorkload ReconnectOrders(string name, string tag, int count) => Build(
        name, "ReconnectForPayment, smart electric meter off", BenchGoal.Completed, tag, count,
        (sp, m, _) => (new ServicePoint(sp, Electric, new Meter(m, Smart, Commissioned: true, Disconnected)), RequestType.ReconnectForPayment, null));

    /// <summary>Every request type on a service point where it completes without an operator (crews and head-end answer at once).</summary>
    public static BenchWorkload MixOrders(string tag, int count) => Build(
        Mix, "every request type that completes without an operator, round robin", BenchGoal.Completed, tag, count,
        (sp, m, n) => MixShapes[n % MixShapes.Length](sp, m));

    /// <summary>Field work whose crew never answers during the run: the order is acknowledged, dispatched, and waits.</summary>
    public static BenchWorkload OpenOrders(string tag, int count) => Build(
        Open, "ReconnectForPayment, manual electric meter: a crew is sent and never answers", BenchGoal.WaitingForCrew, tag, count,
        (sp, m, _) => (new ServicePoint(sp, Electric, new Meter(m, Manual, Commissioned: false, Disconnected)), RequestType.ReconnectForPayment, null));

    /// <summary>CutForNonPayment on smart electric meters that are on, spread over head-ends that pace their disconnects.</summary>
    public static BenchWorkload MassDisconnectOrders(string tag, int count) => Build(
        MassDisconnect, $"CutForNonPayment, smart electric meter on, {MassDisconnectHeadEnds} paced head-ends", BenchGoal.Completed, tag, count,
        (sp, m, n) => (
            new ServicePoint(sp, Electric, new Meter(m, Smart, Commissioned: true, Connected, HeadEndId: $"HE-{(n % MassDisconnectHeadEnds) + 1}")),
            RequestType.CutForNonPayment, null));

    /// <summary>
    /// The burst: the steady phase's cuts, then the burst's cuts (both as in <see cref="MassDisconnectOrders"/>), then
    /// move-ins (EnableService, smart meter off) and reconnects (ReconnectForPayment, smart meter off) in turn.
    /// </summary>
    public static BenchWorkload BurstOrders(string tag, BurstSizes sizes) => Build(
        Burst,
        string.Create(CultureInfo.InvariantCulture, $"CutForNonPayment, smart electric meter on, {MassDisconnectHeadEnds} paced head-ends: {sizes.Steady:N0} steady, {sizes.Burst:N0} at once; then {sizes.Priority:N0} move-ins and reconnects"),
        BenchGoal.Completed, tag, sizes.Steady + sizes.Burst + sizes.Priority,
        (sp, m, n) => n < sizes.Steady + sizes.Burst
            ? (new ServicePoint(sp, Electric, new Meter(m, Smart, Commissioned: true, Connected, HeadEndId: $"HE-{(n % MassDisconnectHeadEnds) + 1}")), RequestType.CutForNonPayment, null)
            : (new ServicePoint(sp, Electric, new Meter(m, Smart, Commissioned: true, Disconnected)),
                (n - sizes.Steady - sizes.Burst) % 2 == 0 ? RequestType.EnableService : RequestType.ReconnectForPayment, null));

    delegate (ServicePoint Point, RequestType Type, Func<ServiceOrderRequest, ServiceOrderRequest>? Shape) Shape(string servicePointId, string meterId, int n);

    static readonly Func<string, string, (ServicePoint, RequestType, Func<ServiceOrderRequest, ServiceOrderRequest>?)>[] MixShapes =
    [
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Disconnected)), RequestType.EnableService, null),
        (sp, m) => (new(sp, Water, new Meter(m, Manual, false, Disconnected)), RequestType.EnableService, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.DisableService, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.CutForNonPayment, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Amr, false, Connected)), RequestType.CutForNonPayment, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Disconnected)), RequestType.ReconnectForPayment, null),
        (sp, m) => (new(sp, Gas, new Meter(m, Smart, true, Disconnected)), RequestType.ReconnectForPayment, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.ExchangeMeter, r => r with { NewMeter = new MeterFound("N" + m, Smart) }),
        (sp, _) => (new(sp, Electric, null), RequestType.InstallMeter, r => r with { MeterId = null, NewMeter = new MeterFound("N" + sp, Smart) }),
        (sp, m) => (new(sp, Electric, new Meter(m, Manual, false, Connected)), RequestType.RemoveMeter, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Amr, false, Connected)), RequestType.ReadMeter, r => r with { ReadKind = ReadKind.Scalar }),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.DeviceStatusCheck, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.Investigate, null),
        (sp, m) => (new(sp, Electric, new Meter(m, Smart, true, Connected)), RequestType.BackToBack, null),
        (sp, _) => (new(sp, Electric, null, Unmetered: true, ItemSwitch: Disconnected), RequestType.EnableUnmeteredItem, r => r with { MeterId = null }),
        (sp, _) => (new(sp, Electric, null, Unmetered: true, ItemSwitch: Connected), RequestType.DisableUnmeteredItem, r => r with { MeterId = null }),
    ];

    static BenchWorkload Build(string name, string description, BenchGoal goal, string tag, int count, Shape shape)
    {
        var points = new List<ServicePoint>(count);
        var orders = new List<ServiceOrderRequest>(count);
        for (var n = 0; n < count; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{tag}-{n + 1}");
            var (point, type, reshape) = shape($"BSP-{key}", $"BM-{key}", n);
            var request = new ServiceOrderRequest($"{BenchWorkload.IdPrefix}{key}", type, point.ServicePointId, point.Commodity, point.Meter?.MeterId);
            points.Add(point);
            orders.Add(reshape is null ? request : reshape(request));
        }

        return new BenchWorkload(name, description, goal, points, orders);
    }
}
