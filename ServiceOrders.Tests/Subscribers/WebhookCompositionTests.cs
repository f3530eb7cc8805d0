using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>Webhooks are one subscriber channel beside the others: the order's notify activity reaches all of them.</summary>
[Collection(WebhookHostCollection.Name)]
public class WebhookCompositionTests(WebhookHostFixture host)
{
    [Fact]
    public async Task AnOrdersCompletion_ReachesARegisteredWebhook_ThroughTheNotifierTheActivityUses()
    {
        var notifier = host.Services.GetRequiredService<ISubscriberNotifier>();
        var composite = Assert.IsType<CompositeSubscriberNotifier>(notifier);
        Assert.Contains(composite.Notifiers, n => n is WebhookNotifier);
        Assert.Contains(composite.Notifiers, n => n is not WebhookNotifier);

        var subscription = await host.SubscribeAsync("composite", [NotificationTypes.OrderCompleted]);
        var completed = WebhookHostFixture.NewNotification(NotificationTypes.OrderCompleted);
        var changed = completed with { NotificationId = $"{completed.OrderId}.{NotificationTypes.ServicePointChanged}", Type = NotificationTypes.ServicePointChanged };

        // What the order's NotifySubscribers activity publishes when it completes.
        await notifier.PublishAsync([completed, changed], CancellationToken.None);

        await host.WaitForDeliveriesAsync(subscription.Id, completed.NotificationId, r => r.Any(d => d.Outcome == WebhookDeliveryOutcome.Delivered), "the completion");
        var request = Assert.Single(host.Receiver.ReceivedBy("composite", completed.NotificationId));
        Assert.True(request.SignatureValid);

        // Jobs are queued while PublishAsync runs: the type the subscription did not ask for has none.
        Assert.Empty(await host.DeliveriesAsync(subscription.Id, changed.NotificationId));
        Assert.Empty(host.Receiver.ReceivedBy("composite", changed.NotificationId));
    }
}

public class CompositeSubscriberNotifierTests
{
    sealed class Recording(bool fails = false) : ISubscriberNotifier
    {
        public List<SubscriberNotification> Published { get; } = [];

        public Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
        {
            Published.AddRange(notifications);
            return fails ? Task.FromException(new InvalidOperationException("channel down")) : Task.CompletedTask;
        }
    }

    sealed class Second : ISubscriberNotifier
    {
        public int Calls { get; private set; }

        public Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AFailingChannel_DoesNotKeepTheOthersFromHearing_AndItsFailureIsThrown()
    {
        var broken = new Recording(fails: true);
        var working = new Recording();
        var notification = WebhookHostFixture.NewNotification();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new CompositeSubscriberNotifier([broken, working]).PublishAsync([notification], CancellationToken.None));

        Assert.Equal("channel down", error.Message);
        Assert.Equal([notification], working.Published);
    }

    [Fact]
    public async Task AddingANotifier_KeepsTheOneRegisteredBefore()
    {
        var earlier = new Recording();
        var services = new ServiceCollection();
        services.AddSingleton<ISubscriberNotifier>(earlier);
        services.AddSingleton<Second>();

        services.AddSubscriberNotifier<Second>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISubscriberNotifier>().PublishAsync([WebhookHostFixture.NewNotification()], CancellationToken.None);

        Assert.Single(services, d => d.ServiceType == typeof(ISubscriberNotifier));
        Assert.Single(earlier.Published);
        Assert.Equal(1, provider.GetRequiredService<Second>().Calls);
    }
}
