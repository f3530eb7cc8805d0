using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Api.ReadModel;

namespace ServiceOrders.Functions.Triggers;

/// <summary>The read model's routes (overview, admission, mass disconnects) as HTTP triggers: the same routes and handlers as the standalone host.</summary>
public sealed class ReadModelHttpFunctions(ReadModelApi api)
{
    [Function("GetOverview")]
    public async Task<IActionResult> OverviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "overview")] HttpRequest req)
        => await WriteAsync(req, await api.OverviewAsync(req.HttpContext.RequestAborted));

    [Function("GetAdmission")]
    public async Task<IActionResult> AdmissionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admission")] HttpRequest req)
        => await WriteAsync(req, await api.AdmissionAsync(req.HttpContext.RequestAborted));

    [Function("GetMassDisconnectProgress")]
    public async Task<IActionResult> ProgressAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mass-disconnects/progress")] HttpRequest req)
        => await WriteAsync(req, await api.ProgressAsync(req, req.HttpContext.RequestAborted));

    [Function("GetCutCalendar")]
    public async Task<IActionResult> CalendarAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mass-disconnects/calendar")] HttpRequest req)
        => await WriteAsync(req, await api.CalendarAsync(req, req.HttpContext.RequestAborted));

    /// <summary>The shared handlers answer with minimal API results; they write the response themselves.</summary>
    static async Task<IActionResult> WriteAsync(HttpRequest req, IResult result)
    {
        await result.ExecuteAsync(req.HttpContext);
        return new EmptyResult();
    }
}
