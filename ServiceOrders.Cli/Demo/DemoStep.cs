using System.Globalization;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Demo;

/// <summary>Something a scenario does, in the order listed; a step that cannot be done ends its scenario's steps.</summary>
internal abstract record DemoStep;

/// <summary>
/// Submits an order that should end as <paramref name="Expected"/>. <paramref name="Label"/> tells apart the orders of
/// one scenario. <paramref name="ServiceDateIn"/> sets the requested date that long after the submission, so that a slow
/// start cannot put it in the past.
/// </summary>
internal sealed record Submit(ServiceOrderRequest Request, Expectation Expected, string? Label = null, TimeSpan? ServiceDateIn = null) : DemoStep
{
    public string OrderId => Request.RequestId;

    public override string ToString() => $"submit {Request.RequestType}";
}

/// <summary>Waits until the order is in <paramref name="Phase"/>; for an exception, also for its reason code.</summary>
internal sealed record WaitForPhase(OrderPhase Phase, string? ReasonCode = null) : DemoStep
{
    public override string ToString() => ReasonCode is null ? $"wait for {Phase}" : $"wait for {Phase} ({ReasonCode})";
}

/// <summary>Waits until the order's timeline shows <paramref name="Event"/> (of an activity kind, with a detail that starts as given).</summary>
internal sealed record WaitForTimeline(TimelineEvent Event, ActivityKind? Kind = null, string? DetailStart = null) : DemoStep
{
    public override string ToString() => $"wait for {TimelineCheck.Describe(Event, Kind, DetailStart)}";
}

/// <summary>Waits until the operators' exception list shows the order with the reason code of its exception.</summary>
internal sealed record WaitForExceptionListed(string ReasonCode) : DemoStep
{
    public override string ToString() => $"wait for the order on the exception list ({ReasonCode})";
}

internal sealed record Pause(TimeSpan Duration) : DemoStep
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pause {Duration.TotalSeconds:0.#} s");
}

/// <summary>The CIS calls the order off.</summary>
internal sealed record Cancel(string Reason) : DemoStep
{
    public override string ToString() => "cancel";
}

/// <summary>An operator resolves the order's exception.</summary>
internal sealed record Act(OperatorActionKind Action, string Note) : DemoStep
{
    public override string ToString() => $"operator {Action}";
}
