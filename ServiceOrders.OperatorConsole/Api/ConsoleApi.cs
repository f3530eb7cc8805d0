using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Security;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>
/// The console's only way to the product: its public HTTP API, with the console's key and the signed-in person named in
/// <see cref="ConsoleRoles.ActorHeader"/> and <see cref="ConsoleRoles.RolesHeader"/>, so the API records and checks
/// that person. Every answer comes back as a value or a problem to show; nothing throws for a refusal.
/// </summary>
public sealed partial class ConsoleApi(HttpClient http, SignedInOperator signedIn)
{
    public Task<ApiResult<OperationsOverview>> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        GetAsync<OperationsOverview>("api/overview", cancellationToken);

    /// <summary>One page of orders. A host that answers the older plain list gives one page with no next page.</summary>
    public async Task<ApiResult<OrderPage>> ListOrdersAsync(OrderQuery query, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        var path = "api/orders";
        var queryString = query.ToQueryString(zone, forApi: true);
        var answer = await GetAsync<JsonElement>(queryString.Length == 0 ? path : $"{path}?{queryString}", cancellationToken);
        if (answer.Problem is not null)
        {
            return new(null, answer.Problem);
        }

        var page = answer.Value.ValueKind == JsonValueKind.Array
            ? new OrderPage(answer.Value.Deserialize<List<OrderIndexEntry>>(ServiceOrdersJson.Options)!, null)
            : answer.Value.Deserialize<OrderPage>(ServiceOrdersJson.Options)!;
        return new(page, null);
    }

    public Task<ApiResult<OrderView>> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        GetAsync<OrderView>($"api/orders/{Uri.EscapeDataString(orderId)}", cancellationToken);

    public Task<ApiResult<IReadOnlyList<AuditEntry>>> GetAuditAsync(string orderId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<AuditEntry>>($"api/orders/{Uri.EscapeDataString(orderId)}/audit", cancellationToken);

    public Task<ApiResult<IReadOnlyList<OrderException>>> ListExceptionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<OrderException>>("api/exceptions", cancellationToken);

    /// <summary>Retry, skip, record done or cancel an order in exception, as the signed-in person.</summary>
    public Task<ApiResult<JsonElement>> ActAsync(string orderId, OperatorAction action, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/orders/{Uri.EscapeDataString(orderId)}/actions", action, cancellationToken);

    public Task<ApiResult<OrderException>> AssignAsync(string orderId, ExceptionAssignment assignment, CancellationToken cancellationToken = default) =>
        SendAsync<OrderException>(HttpMethod.Post, $"api/exceptions/{Uri.EscapeDataString(orderId)}/assign", assignment, cancellationToken);

    Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        await AddPersonAsync(request);

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ServiceOrdersJson.Options);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new(default, await ApiProblem.ReadAsync(response, cancellationToken));
            }

            if (response.Content.Headers.ContentLength == 0)
            {
                return new(default, null);
            }

            return new(await response.Content.ReadFromJsonAsync<T>(ServiceOrdersJson.Options, cancellationToken), null);
        }
        catch (HttpRequestException ex)
        {
            return new(default, ApiProblem.Unreachable(ex.Message));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new(default, ApiProblem.Unreachable(ex.Message));
        }
    }
}
