using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>The subscription routes through HTTP: what they answer, and every way a subscription is refused.</summary>
[Collection(WebhookHostCollection.Name)]
public class WebhookSubscriptionApiTests(WebhookHostFixture host)
{
    async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task ANewSubscription_ShowsItsSecretOnce()
    {
        var (status, created, response) = await SendAsync(HttpMethod.Post, "api/subscriptions",
            """{ "url": "https://billing.example.com/hooks/orders", "eventTypes": ["serviceorder.completed", "servicepoint.changed", "serviceorder.completed"], "description": "Billing" }""");

        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/subscriptions/{id}", response.Headers.Location?.ToString());
        Assert.Equal("https://billing.example.com/hooks/orders", created.GetProperty("url").GetString());
        Assert.Equal(["serviceorder.completed", "servicepoint.changed"], created.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.True(created.TryGetProperty("createdAt", out _));

        var (getStatus, fetched, _) = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("Active", fetched.GetProperty("status").GetString());
        Assert.Equal("Billing", fetched.GetProperty("description").GetString());
        Assert.False(fetched.TryGetProperty("secret", out _));

        var (listStatus, list, listResponse) = await SendAsync(HttpMethod.Get, "api/subscriptions");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(secret, await listResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(list.EnumerateArray(), s => Assert.False(s.TryGetProperty("secret", out _)));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"api/subscriptions/{id}")).Status);
    }

    [Theory]
    [InlineData("""{ "eventTypes": ["*"] }""", "url", "MissingField")]
    [InlineData("""{ "url": "", "eventTypes": ["*"] }""", "url", "MissingField")]
    [InlineData("""{ "url": "ftp://example.com/hook", "eventTypes": ["*"] }""", "url", "InvalidValue")]
    [InlineData("""{ "url": "/hooks/relative", "eventTypes": ["*"] }""", "url", "InvalidValue")]
    [InlineData("""{ "url": "https://user:secret@example.com/hook", "eventTypes": ["*"] }""", "url", "InvalidValue")]
    [InlineData("""{ "url": "http://example.com/hook", "eventTypes": ["*"] }""", "url", "InvalidValue")]
    [InlineData("""{ "url": "https://example.com/hook#part", "eventTypes": ["*"] }""", "url", "InvalidValue")]
    [InlineData("""{ "url": "https://example.com/hook" }""", "eventTypes", "MissingField")]
    [InlineData("""{ "url": "https://example.com/hook", "eventTypes": [] }""", "eventTypes", "MissingField")]
    [InlineData("""{ "url": "https://example.com/hook", "eventTypes": ["serviceorder.teleported"] }""", "eventTypes", "UnknownEventType")]
    [InlineData("""{ "url": "https://example.com/hook", "eventTypes": ["serviceorder.completed", null] }""", "eventTypes", "UnknownEventType")]
    [InlineData("""{ "url": "https://example.com/hook", "eventTypes": ["ServiceOrder.Completed"] }""", "eventTypes", "UnknownEventType")]
    [InlineData("""{ "url": "https://example.com/hook", "eventTypes": ["*"], "description": "line\nbreak" }""", "description", "InvalidValue")]
    public async Task AnInvalidSubscription_IsRefusedWithTheFieldAndReason(string body, string field, string code)
    {
        var (status, problem, response) = await SendAsync(HttpMethod.Post, "api/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AnEmptySubscription_ListsEveryMissingField()
    {
        var (status, problem, _) = await SendAsync(HttpMethod.Post, "api/subscriptions", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["eventTypes", "url"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
    }

    [Fact]
    public async Task AnOverlongUrl_IsRefused()
    {
        var url = "https://example.com/" + new string('a', 2100);
        var (status, problem, _) = await SendAsync(HttpMethod.Post, "api/subscriptions", JsonSerializer.Serialize(new { url, eventTypes = new[] { "*" } }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("url", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "Malformed request")]
    [InlineData("""{ "url": 5, "eventTypes": ["*"] }""", "application/json", HttpStatusCode.BadRequest, "Malformed request")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "Empty body")]
    public async Task ABodyThatIsNotASubscription_IsRefused(string body, string contentType, HttpStatusCode expected, string title)
    {
        var (status, problem, _) = await SendAsync(HttpMethod.Post, "api/subscriptions", body, contentType);

        Assert.Equal(expected, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsRefused()
    {
        var (status, _, response) = await SendAsync(HttpMethod.Post, "api/subscriptions", "url=https://example.com", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "api/subscriptions/sub_0000000000000000000000000000dead")]
    [InlineData("DELETE", "api/subscriptions/sub_0000000000000000000000000000dead")]
    [InlineData("GET", "api/subscriptions/sub_0000000000000000000000000000dead/deliveries")]
    [InlineData("GET", "api/subscriptions/not%20an%20id")]
    [InlineData("DELETE", "api/subscriptions/not%20an%20id")]
    public async Task AnUnknownSubscription_IsNotFound(string method, string path)
    {
        var (status, problem, response) = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Subscription not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ADeletedSubscription_IsGoneWithItsDeliveries()
    {
        var subscription = await host.SubscribeAsync("deleted", ["*"]);
        var notification = WebhookHostFixture.NewNotification();
        await host.PublishToWebhooksAsync(notification);
        await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => r.Count > 0, "a delivery");

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"api/subscriptions/{subscription.Id}")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"api/subscriptions/{subscription.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"api/subscriptions/{subscription.Id}/deliveries")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"api/subscriptions/{subscription.Id}")).Status);
    }

    [Theory]
    [InlineData("GET", "api/subscriptions")]
    [InlineData("POST", "api/subscriptions")]
    [InlineData("GET", "api/subscriptions/sub_x/deliveries")]
    public async Task TheSubscriptionRoutes_RefuseCallersWithoutAKey(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { url = "https://example.com/h", eventTypes = new[] { "*" } });
        }

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
