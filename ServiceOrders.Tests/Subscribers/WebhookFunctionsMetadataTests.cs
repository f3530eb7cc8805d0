using System.Text.Json;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>The Functions app takes webhook jobs off the same queue as the standalone host, read from its generated metadata.</summary>
public class WebhookFunctionsMetadataTests
{
    [Fact]
    public void DeliverWebhook_IsAQueueTriggerOnTheDeliveryQueue()
    {
        var path = RepositoryFiles.PathOf("ServiceOrders.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var function = Assert.Single(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "DeliverWebhook");
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "queueTrigger");
        Assert.Equal(WebhookQueue.Name, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }
}
