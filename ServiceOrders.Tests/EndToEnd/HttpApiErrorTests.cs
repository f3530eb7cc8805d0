using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>Bad input gets a clear problem details answer, never a crash or a silent accept.</summary>
[Collection(StandaloneHostCollection.Name)]
public class HttpApiErrorTests(StandaloneHostFixture host)
{
    async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await host.Http.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"requestId\":\"R1\",\"servicePointId\":\"SP1\",\"commodity\":\"Electric\"}")]
    [InlineData("{\"requestId\":\"R1\",\"requestType\":\"Teleport\",\"servicePointId\":\"SP1\",\"commodity\":\"Electric\"}")]
    [InlineData("{\"requestId\":42,\"requestType\":\"EnableService\",\"servicePointId\":\"SP1\",\"commodity\":\"Electric\"}")]
    [InlineData("{\"requestId\":null,\"requestType\":\"EnableService\",\"servicePointId\":\"SP1\",\"commodity\":\"Electric\"}")]
    public async Task AMalformedOrder_IsRefusedWithProblemDetails(string body)
    {
        var (status, problem) = await SendAsync(HttpMethod.Post, "api/orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Malformed request", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AnOrderWithInvalidValues_ListsEveryErrorWithItsCode()
    {
        var (status, problem) = await SendAsync(HttpMethod.Post, "api/orders",
            "{\"requestId\":\"bad/id\",\"requestType\":\"EnableService\",\"servicePointId\":\"SP 1\",\"commodity\":\"Electric\",\"requestedDate\":\"1901-01-01T00:00:00Z\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var codes = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).Order();
        Assert.Equal(["DateOutOfRange", "InvalidId", "InvalidId"], codes);
    }

    [Fact]
    public async Task AnOversizedBody_IsRefused()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "api/orders", "{\"pad\":\"" + new string('x', 70_000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsRefused()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "api/orders", "requestId=R1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Theory]
    [InlineData("api/orders/NO-SUCH-ORDER")]
    [InlineData("api/service-points/NO-SUCH-POINT")]
    public async Task SomethingThatDoesNotExist_IsNotFound(string path)
    {
        var (status, _) = await SendAsync(HttpMethod.Get, path, null);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("api/field-activities/NO-SUCH-ORDER.1/completion", "{\"code\":\"Completed\"}")]
    [InlineData("api/field-activities/not-an-activity-id/completion", "{\"code\":\"Completed\"}")]
    [InlineData("api/headend/commands/NO-SUCH-ORDER.2/result", "{\"outcome\":\"Succeeded\"}")]
    public async Task AnAnswerForAnUnknownActivity_IsNotFound(string path, string body)
    {
        var (status, _) = await SendAsync(HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task ACompletionWithAnUnknownCode_IsRefused()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "api/field-activities/R1.1/completion", "{\"code\":\"Teleported\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task AServicePointWhoseBodyNamesAnotherId_IsRefused()
    {
        var (status, problem) = await SendAsync(HttpMethod.Put, "api/service-points/SP-A", "{\"servicePointId\":\"SP-B\",\"commodity\":\"Electric\",\"meter\":null}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidId", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("api/orders/NO-SUCH-ORDER/cancel", "{\"reason\":\"Paid\",\"requestedBy\":\"CIS\"}")]
    [InlineData("api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":null,\"requestedBy\":\"CIS\"}")]
    [InlineData("api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"Retry\",\"operator\":\"op-1\"}")]
    public async Task AChangeToAnOrderThatDoesNotExist_IsNotFound(string path, string body)
    {
        var (status, _) = await SendAsync(HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("api/orders/R1/cancel", "{\"reason\":\"\",\"requestedBy\":\"CIS\"}")]
    [InlineData("api/orders/R1/cancel", "{\"requestedBy\":\"CIS\"}")]
    [InlineData("api/orders/R1/actions", "{\"action\":\"Teleport\",\"operator\":\"op-1\"}")]
    [InlineData("api/orders/R1/actions", "{\"action\":\"RecordDone\",\"operator\":\"op-1\"}")]
    [InlineData("api/orders/R1/actions", "{\"action\":\"Retry\",\"operator\":\"\"}")]
    [InlineData("api/orders/R1/actions", "{\"action\":\"Retry\",\"operator\":\"op-1\",\"reason\":\"Because\"}")]
    [InlineData("api/orders/R1/update", "{\"requestedDate\":\"1800-01-01T00:00:00Z\",\"requestedBy\":\"CIS\"}")]
    public async Task AnInvalidChangeToAnOrder_IsRefused(string path, string body)
    {
        var (status, _) = await SendAsync(HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
