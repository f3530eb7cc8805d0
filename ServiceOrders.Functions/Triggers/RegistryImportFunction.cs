using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Api.Registry;

namespace ServiceOrders.Functions.Triggers;

/// <summary><c>POST /api/service-points/import</c>: the registry from a CSV file, the same handler as the standalone host's.</summary>
public sealed class RegistryImportFunction(ServicePointImport import)
{
    [Function("ImportServicePoints")]
    public async Task<IActionResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "service-points/import")] HttpRequest req)
    {
        var result = await import.ImportAsync(req, req.HttpContext.RequestAborted);
        await result.ExecuteAsync(req.HttpContext);
        return new EmptyResult();
    }
}
