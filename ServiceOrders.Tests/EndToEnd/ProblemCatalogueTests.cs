using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceOrders.Api.Webhooks;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>The problem types, titles and error codes the contracts promise are the ones the API answers with.</summary>
[Collection(StandaloneHostCollection.Name)]
public class ProblemCatalogueTests(StandaloneHostFixture host)
{
    public static TheoryData<string, string, string?, string, int, string, string> Problems => new()
    {
        { "POST", "api/orders", "{not json", "application/json", 400, ProblemTypes.BadRequest, ProblemTitles.MalformedRequest },
        { "POST", "api/orders", "", "application/json", 400, ProblemTypes.BadRequest, ProblemTitles.EmptyBody },
        { "POST", "api/orders", "{\"pad\":\"" + new string('x', 70_000) + "\"}", "application/json", 413, ProblemTypes.ContentTooLarge, ProblemTitles.BodyTooLarge },
        { "POST", "api/orders", "requestId=R1", "application/x-www-form-urlencoded", 415, ProblemTypes.UnsupportedMediaType, ProblemTitles.MediaTypeNotAccepted },
        { "POST", "api/service-points/import", "a,b", "text/csv; charset=iso-8859-1", 415, ProblemTypes.UnsupportedMediaType, ProblemTitles.UnsupportedMediaType },
        { "GET", "api/no-such-route", null, "", 404, ProblemTypes.NotFound, ProblemTitles.RouteNotFound },
        { "DELETE", "api/orders", null, "", 405, ProblemTypes.MethodNotAllowed, ProblemTitles.MethodNotAllowed },
        { "GET", "api/orders/NO-SUCH-ORDER", null, "", 404, ProblemTypes.NotFound, ProblemTitles.OrderNotFound },
        { "GET", "api/orders/bad!id", null, "", 400, ProblemTypes.BadRequest, ProblemTitles.InvalidOrderId },
        { "GET", "api/service-points/NO-SUCH-POINT", null, "", 404, ProblemTypes.NotFound, ProblemTitles.ServicePointNotFound },
        { "GET", "api/service-points/bad!id", null, "", 400, ProblemTypes.BadRequest, ProblemTitles.InvalidServicePointId },
        { "POST", "api/field-activities/NO-SUCH-ORDER.1/completion", "{\"code\":\"Completed\"}", "application/json", 404, ProblemTypes.NotFound, ProblemTitles.UnknownActivity },
        { "POST", "api/orders/R1/actions", "{\"action\":\"RecordDone\",\"operator\":\"op-1\"}", "application/json", 400, ProblemTypes.BadRequest, ProblemTitles.InvalidAction },
        { "POST", "api/orders/R1/cancel", "{\"reason\":\"\",\"requestedBy\":\"CIS\"}", "application/json", 400, ProblemTypes.BadRequest, ProblemTitles.InvalidRequest },
        { "GET", "api/subscriptions/sub_none", null, "", 404, ProblemTypes.NotFound, ProblemTitles.SubscriptionNotFound },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task EachProblem_HasTheCataloguedTypeAndTitle(string method, string path, string? body, string contentType, int status, string type, string title)
    {
        var problem = await SendAsync(new HttpMethod(method), path, body, contentType, status);

        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnInvalidOrder_ListsCataloguedCodesUnderTheCataloguedMember()
    {
        var problem = await SendAsync(HttpMethod.Post, "api/orders",
            "{\"requestId\":\"bad/id\",\"requestType\":\"EnableService\",\"servicePointId\":\"SP-1\",\"commodity\":\"Electric\",\"requestedDate\":\"1901-01-01T00:00:00Z\"}",
            "application/json", 400);

        Assert.Equal(ProblemTitles.InvalidRequest, problem.GetProperty("title").GetString());
        var codes = problem.GetProperty(ProblemTypes.ErrorsMember).EnumerateArray().Select(e => e.GetProperty("code").GetString()).Order();
        Assert.Equal([ProblemErrorCodes.DateOutOfRange, ProblemErrorCodes.InvalidId], codes);
    }

    [Fact]
    public void TheSubscriptionCode_IsTheApisOwn() =>
        Assert.Equal(WebhookReasonCodes.UnknownEventType, ProblemErrorCodes.UnknownEventType);

    async Task<JsonElement> SendAsync(HttpMethod method, string path, string? body, string contentType, int status)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await host.Http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
