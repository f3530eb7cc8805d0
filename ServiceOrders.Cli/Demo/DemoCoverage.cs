using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// Which request types and meter classes the scenarios exercise. The demo fails when one is missing, so that the
/// scenario list cannot shrink, or miss a new request type, unnoticed.
/// </summary>
internal sealed record DemoCoverage(IReadOnlyList<RequestType> RequestTypes, IReadOnlyList<MeterClass> MeterClasses)
{
    public IReadOnlyList<RequestType> MissingRequestTypes => Enum.GetValues<RequestType>().Except(RequestTypes).ToList();

    public IReadOnlyList<MeterClass> MissingMeterClasses => Enum.GetValues<MeterClass>().Except(MeterClasses).ToList();

    public bool IsComplete => MissingRequestTypes.Count == 0 && MissingMeterClasses.Count == 0;

    /// <summary>The request types of the orders, and the classes of the meters registered or installed, in declaration order.</summary>
    public static DemoCoverage Of(IEnumerable<DemoScenario> scenarios)
    {
        var list = scenarios.ToList();
        var requestTypes = list.SelectMany(s => s.Orders).Select(o => o.Request.RequestType).ToHashSet();
        var meterClasses = list.SelectMany(s => s.Seeds).Select(p => p.Meter?.Class)
            .Concat(list.SelectMany(s => s.Orders).Select(o => o.Request.NewMeter?.Class))
            .OfType<MeterClass>()
            .ToHashSet();
        return new(
            Enum.GetValues<RequestType>().Where(requestTypes.Contains).ToList(),
            Enum.GetValues<MeterClass>().Where(meterClasses.Contains).ToList());
    }

    /// <summary>One line: what was covered, and what is missing if anything.</summary>
    public string Summary()
    {
        var line = $"Covered {RequestTypes.Count}/{Enum.GetValues<RequestType>().Length} request types ({string.Join(", ", RequestTypes)}) " +
            $"and {MeterClasses.Count}/{Enum.GetValues<MeterClass>().Length} meter classes ({string.Join(", ", MeterClasses)})";
        var missing = MissingRequestTypes.Select(t => t.ToString()).Concat(MissingMeterClasses.Select(c => $"{c} meters")).ToList();
        return missing.Count == 0 ? line : $"{line}; MISSING: {string.Join(", ", missing)}";
    }
}
