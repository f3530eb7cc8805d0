namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// An activity of the service order workflow: a thin adapter over a port, declared once in <see cref="WorkflowActivities"/>,
/// from which both hosts register it. Activities run at least once, so every side effect carries an idempotency key.
/// </summary>
public interface IServiceOrderActivity<TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
