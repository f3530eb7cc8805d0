using System.Text;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api.Webhooks;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>The rules of webhooks without any I/O: signatures, URLs, event types, outcomes, the retry schedule.</summary>
public class WebhookRulesTests
{
    [Fact]
    public void TheSignature_MatchesTheStandardWebhooksExample()
    {
        // The example of the Standard Webhooks specification.
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void ANewSecret_Is32RandomBytes()
    {
        var one = WebhookSignature.NewSecret();
        var two = WebhookSignature.NewSecret();

        Assert.StartsWith(WebhookSignature.SecretPrefix, one, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(one[WebhookSignature.SecretPrefix.Length..]).Length);
        Assert.NotEqual(one, two);
    }

    [Theory]
    [InlineData("https://example.com/hook", false, true)]
    [InlineData("https://127.0.0.1:8443/hook", false, true)]
    [InlineData("http://127.0.0.1:8080/hook", true, true)]
    [InlineData("http://localhost:8080/hook", true, true)]
    [InlineData("http://[::1]:8080/hook", true, true)]
    [InlineData("http://127.0.0.1:8080/hook", false, false)]
    [InlineData("http://example.com/hook", true, false)]
    [InlineData("http://10.0.0.5/hook", true, false)]
    [InlineData("https://user@example.com/hook", true, false)]
    [InlineData("https://example.com/a b", true, false)]
    [InlineData("file:///etc/passwd", true, false)]
    [InlineData("/etc/passwd", true, false)]
    [InlineData("example.com/hook", true, false)]
    public void AUrl_IsAcceptedOnlyWhenItIsSafeToSendTo(string url, bool allowInsecureLoopback, bool accepted)
    {
        var problem = WebhookUrl.Check(url, allowInsecureLoopback, out var parsed);

        Assert.Equal(accepted, problem is null);
        Assert.Equal(accepted, parsed is not null);
    }

    [Fact]
    public void EveryNotificationType_CanBeSubscribedTo()
    {
        Assert.Superset(
            new HashSet<string>
            {
                NotificationTypes.OrderCompleted, NotificationTypes.OrderFailed, NotificationTypes.OrderRejected,
                NotificationTypes.OrderCancelled, NotificationTypes.OrderException, NotificationTypes.ServicePointChanged, "*",
            },
            WebhookSubscriptionApi.KnownEventTypes.ToHashSet());
    }

    [Theory]
    [InlineData(200, false, WebhookDeliveryOutcome.Delivered)]
    [InlineData(204, true, WebhookDeliveryOutcome.Delivered)]
    [InlineData(410, false, WebhookDeliveryOutcome.SubscriptionDisabled)]
    [InlineData(500, false, WebhookDeliveryOutcome.WillRetry)]
    [InlineData(503, true, WebhookDeliveryOutcome.Failed)]
    [InlineData(408, false, WebhookDeliveryOutcome.WillRetry)]
    [InlineData(429, false, WebhookDeliveryOutcome.WillRetry)]
    [InlineData(null, false, WebhookDeliveryOutcome.WillRetry)]
    [InlineData(null, true, WebhookDeliveryOutcome.Failed)]
    [InlineData(400, false, WebhookDeliveryOutcome.Failed)]
    [InlineData(401, false, WebhookDeliveryOutcome.Failed)]
    [InlineData(404, false, WebhookDeliveryOutcome.Failed)]
    [InlineData(301, false, WebhookDeliveryOutcome.Failed)]
    public void AnAnswer_EndsATryAsTheReceiverMeantIt(int? status, bool lastAttempt, WebhookDeliveryOutcome expected) =>
        Assert.Equal(expected, WebhookDispatcher.OutcomeOf(status, lastAttempt));

    [Fact]
    public void AJob_IsTriedOnceMoreThanThereAreDelays()
    {
        var job = new WebhookDeliveryJob("sub_1", WebhookHostFixture.NewNotification(), 1, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)]);

        Assert.Equal((false, TimeSpan.FromSeconds(10)), (job.IsLastAttempt, job.DelayBeforeNext));
        Assert.Equal((false, TimeSpan.FromSeconds(30)), (job.Next().IsLastAttempt, job.Next().DelayBeforeNext));
        Assert.True(job.Next().Next().IsLastAttempt);
        Assert.Equal($"sub_1:{job.Notification.NotificationId}", job.Key);
    }

    [Fact]
    public void AJob_SurvivesTheQueue()
    {
        var job = new WebhookDeliveryJob("sub_1", WebhookHostFixture.NewNotification(), 2, WebhookOptions.DefaultRetryDelays);

        var read = WebhookQueue.Parse(BinaryData.FromString(WebhookQueue.Serialize(job)));

        Assert.NotNull(read);
        Assert.Equal((job.SubscriptionId, job.Attempt, job.Notification), (read.SubscriptionId, read.Attempt, read.Notification));
        Assert.Equal(job.RetryDelays, read.RetryDelays);
        Assert.Null(WebhookQueue.Parse(BinaryData.FromString("""{"subscriptionId":"sub_1"}""")));
        Assert.Null(WebhookQueue.Parse(BinaryData.FromString("not json")));
    }
}
