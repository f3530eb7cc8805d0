using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace ServiceOrders.Host.Engine;

/// <summary>
/// Adds orchestrations or activities of its own to the standalone host's worker before it starts: how a development
/// entry point brings in the benchmark's bare-engine workload without the product host knowing of it.
/// </summary>
public interface IWorkerExtension
{
    void Register(TaskHubWorker worker, DurableTaskShimFactory shims);
}
