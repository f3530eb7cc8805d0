using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// Runs a scenario against the host: registers its service points, runs its steps in order, then waits for its orders
/// to end and judges each. A step that cannot be done (the host refuses it, or a wait ends without what it waited for)
/// ends the steps; its orders are then judged as they are, without waiting, since what should move them never came.
/// Failures of the host itself (unreachable, unreadable answers while waiting for the end) are not a scenario's problem:
/// they end the run.
/// </summary>
internal sealed class ScenarioRunner(ApiClient api, OrderWatcher watcher, TimeProvider time, Func<TimeSpan> remaining, TimeSpan timeout)
{
    /// <summary>Steps poll briskly: a cancellation must reach the crew at the moment the scenario means.</summary>
    static readonly TimeSpan StepPollInterval = TimeSpan.FromMilliseconds(250);

    static readonly TimeSpan EndPollInterval = TimeSpan.FromMilliseconds(500);

    const string RequestingSystem = "CIS";
    const string Operator = "op-1";

    int ended;

    /// <summary>How many orders of all scenarios run so far have ended.</summary>
    public int Ended => Volatile.Read(ref ended);

    public async Task<IReadOnlyList<ScenarioVerdict>> RunAsync(DemoScenario scenario, CancellationToken cancellationToken)
    {
        var submitted = new List<Submit>();
        var problem = await RegisterAsync(scenario, cancellationToken);
        foreach (var step in scenario.Steps)
        {
            if (problem is not null)
            {
                break;
            }

            try
            {
                problem = await RunStepAsync(step, submitted, cancellationToken);
            }
            catch (ApiException ex)
            {
                problem = ex.Message;
            }

            problem = problem is null ? null : $"{step}: {problem}";
        }

        var orders = scenario.Orders.ToList();
        var verdicts = new List<ScenarioVerdict>();
        foreach (var order in orders)
        {
            OrderView? view = null;
            if (submitted.Any(s => s.OrderId == order.OrderId))
            {
                view = problem is null
                    ? (await watcher.WaitUntilAsync(order.OrderId, v => v.HasEnded(), remaining(), EndPollInterval, cancellationToken)).View
                    : await watcher.GetAsync(order.OrderId, cancellationToken);
            }

            if (view is not null && view.HasEnded())
            {
                Interlocked.Increment(ref ended);
            }

            var name = orders.Count > 1 && order.Label is { } label ? $"{scenario.Name}: {label}" : scenario.Name;
            verdicts.Add(ScenarioVerdict.Judge(name, order, view, problem is null ? [] : [problem], timeout));
        }

        return verdicts;
    }

    async Task<string?> RegisterAsync(DemoScenario scenario, CancellationToken cancellationToken)
    {
        foreach (var point in scenario.Seeds)
        {
            try
            {
                await api.PutServicePointAsync(point, cancellationToken);
            }
            catch (ApiException ex)
            {
                return $"register {point.ServicePointId}: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>Null when the step was done; otherwise why not.</summary>
    async Task<string?> RunStepAsync(DemoStep step, List<Submit> submitted, CancellationToken cancellationToken)
    {
        if (step is Submit submit)
        {
            var request = submit.ServiceDateIn is { } delay ? submit.Request with { RequestedDate = time.GetUtcNow() + delay } : submit.Request;
            var accepted = await api.SubmitOrderAsync(request, cancellationToken);
            submitted.Add(submit);
            return accepted.Duplicate ? "the host already had an order with this id" : null;
        }

        if (submitted.LastOrDefault()?.OrderId is not { } orderId)
        {
            return "no order was submitted before this step";
        }

        switch (step)
        {
            case WaitForPhase wait:
            {
                var (view, met) = await watcher.WaitUntilAsync(orderId, v => v.Phase == wait.Phase, remaining(), StepPollInterval, cancellationToken);
                return !met ? $"order {ScenarioVerdict.Describe(view)}"
                    : wait.ReasonCode is { } code && view!.Exception?.ReasonCode != code ? $"the reason is {view.Exception?.ReasonCode ?? "not given"}"
                    : null;
            }

            case WaitForTimeline wait:
            {
                var check = new TimelineCheck(wait.Event, wait.Kind, DetailStart: wait.DetailStart);
                var (view, met) = await watcher.WaitUntilAsync(orderId, v => v.Timeline.Any(check.Matches), remaining(), StepPollInterval, cancellationToken);
                return met ? null : $"order {ScenarioVerdict.Describe(view)}";
            }

            case WaitForExceptionListed wait:
                return await WaitForExceptionListedAsync(orderId, wait.ReasonCode, cancellationToken);

            case Pause pause:
                await Task.Delay(pause.Duration, time, cancellationToken);
                return null;

            case Cancel cancel:
                await api.CancelOrderAsync(orderId, new CancelRequested(cancel.Reason, RequestingSystem), cancellationToken);
                return null;

            case Act act:
                await api.ActOnOrderAsync(orderId, new OperatorAction(act.Action, Operator, act.Note), cancellationToken);
                return null;

            default:
                throw new InvalidOperationException($"The demo has no way to run a {step.GetType().Name} step.");
        }
    }

    async Task<string?> WaitForExceptionListedAsync(string orderId, string reasonCode, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var budget = remaining();
        while (true)
        {
            var listed = (await api.ListExceptionsAsync(cancellationToken)).FirstOrDefault(e => e.OrderId == orderId);
            if (listed is not null)
            {
                return listed.ReasonCode == reasonCode ? null : $"listed with {Printable.Clip(listed.ReasonCode, 40)}";
            }

            if (time.GetElapsedTime(started) >= budget)
            {
                return "not on the list";
            }

            await Task.Delay(StepPollInterval, time, cancellationToken);
        }
    }
}
