using System.Reflection;
using System.Text.Json.Nodes;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// <c>docs/asyncapi.yaml</c> against the code: its channels are the queues, Service Bus entities and webhooks the
/// product uses, each with the direction the product uses it in, and every message names a schema file that exists
/// and fields for its correlation id and idempotency key that its schema has.
/// </summary>
public sealed class AsyncApiDocumentTests
{
    static readonly AsyncApiDocument Document = AsyncApiDocument.Load();

    /// <summary>Every storage queue name the code declares.</summary>
    static readonly string[] StorageQueues = typeof(QueueNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Which way the product uses each channel, written once more from the code's point of view, so that a document
    /// that turns a direction round fails; <see cref="ProducedMessageSchemaTests"/> checks the sends against what a
    /// running host writes.
    /// </summary>
    static readonly Dictionary<(string Server, string? Address), string[]> Directions = new()
    {
        [("storage", QueueNames.ServiceOrderRequests)] = ["receive"],
        [("storage", QueueNames.ServiceOrderRequestsPoison)] = ["send"],
        [("storage", QueueNames.CisReplies)] = ["send"],
        [("storage", QueueNames.FieldDispatches)] = ["send"],
        [("storage", QueueNames.FieldCancellations)] = ["send"],
        [("storage", QueueNames.HeadEndCommands)] = ["send"],
        [("storage", QueueNames.HeadEndResults)] = ["receive"],
        [("storage", QueueNames.HeadEndResultsPoison)] = ["send"],
        [("storage", QueueNames.ServiceOrderEvents)] = ["send"],
        [("storage", QueueNames.WebhookDeliveries)] = ["receive", "send"],
        [("storage", QueueNames.WebhookDeliveriesPoison)] = ["send"],
        [("serviceBus", new ServiceBusMessagingOptions().IntakeQueue)] = ["receive"],
        [("serviceBus", new ServiceBusMessagingOptions().ReplyQueue)] = ["send"],
        [("serviceBus", new ServiceBusMessagingOptions().EventsTopic)] = ["send"],
        [("subscribers", null)] = ["send"],
    };

    /// <summary>Messages with no key of their own, each with the reason its summary must give.</summary>
    static readonly Dictionary<string, string> Keyless = new()
    {
        // A head-end result that cannot be delivered is kept as it came; the command id, if any, is inside its body.
        ["headEndResultPoisonMessage"] = "no key",
    };

    static string? AddressOf(JsonObject channel) => channel["address"]?.GetValue<string>();

    [Fact]
    public void It_is_an_AsyncAPI_3_document_with_a_title_and_version()
    {
        Assert.Equal("3.0.0", Document.Root["asyncapi"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(Document.Root["info"]?["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(Document.Root["info"]?["version"]?.GetValue<string>()));
    }

    [Fact]
    public void The_queue_names_the_hosts_use_by_default_are_those_the_code_declares()
    {
        Assert.Equal(QueueNames.ServiceOrderRequests, new IntakeOptions().QueueName);
        Assert.Equal(QueueNames.ServiceOrderRequestsPoison, new IntakeOptions().PoisonQueueName);
        Assert.Equal(QueueNames.HeadEndResults, HeadEndResultIntake.DefaultResultQueue);
        Assert.Equal(QueueNames.HeadEndResultsPoison, new HeadEndResultIntake(null!, null!).PoisonQueue);
        Assert.Equal(QueueNames.WebhookDeliveries, WebhookQueue.Name);
        Assert.Equal(QueueNames.WebhookDeliveriesPoison, WebhookQueue.PoisonName);
    }

    [Fact]
    public void Every_channel_is_a_queue_topic_or_webhook_the_code_uses_and_every_one_the_code_uses_is_a_channel()
    {
        var channels = Document.Channels.Select(c => (c.Id, Servers: AsyncApiDocument.ServersOf(c.Channel), Address: AddressOf(c.Channel))).ToList();
        foreach (var (id, servers, _) in channels)
        {
            Assert.True(servers.Count == 1, $"channel {id} is on {servers.Count} servers; each channel here is on exactly one");
        }

        var storage = channels.Where(c => c.Servers[0] == "storage").Select(c => c.Address).ToList();
        Assert.Equal(StorageQueues, storage.Order(StringComparer.Ordinal));

        var options = new ServiceBusMessagingOptions();
        var serviceBus = channels.Where(c => c.Servers[0] == "serviceBus").Select(c => c.Address).ToList();
        Assert.Equal(new[] { options.IntakeQueue, options.ReplyQueue, options.EventsTopic }.Order(StringComparer.Ordinal), serviceBus.Order(StringComparer.Ordinal));

        // A webhook goes to each subscription's own URL: no fixed address.
        Assert.Equal([null], channels.Where(c => c.Servers[0] == "subscribers").Select(c => c.Address));
        Assert.Equal(channels.Count, storage.Count + serviceBus.Count + 1);
    }

    [Fact]
    public void Each_channel_has_the_operations_of_the_direction_the_product_uses_it_in()
    {
        var actual = Document.Channels.ToDictionary(
            c => (AsyncApiDocument.ServersOf(c.Channel)[0], AddressOf(c.Channel)),
            c => Document.Operations.Where(o => Document.ChannelOf(o.Operation).Id == c.Id).Select(o => o.Operation["action"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());

        Assert.Equal(Directions.Keys.Order(), actual.Keys.Order());
        foreach (var (channel, actions) in Directions)
        {
            Assert.True(actions.SequenceEqual(actual[channel]), $"{channel.Server} {channel.Address ?? "(webhook)"}: the document has [{string.Join(", ", actual[channel])}], the product does [{string.Join(", ", actions)}]");
        }
    }

    [Fact]
    public void Every_operation_carries_messages_of_its_own_channel()
    {
        foreach (var (id, operation) in Document.Operations)
        {
            var (channelId, channel) = Document.ChannelOf(operation);
            var references = operation["messages"]!.AsArray().Select(m => m!["$ref"]!.GetValue<string>()).ToList();
            Assert.NotEmpty(references);
            foreach (var reference in references)
            {
                Assert.StartsWith($"#/channels/{channelId}/messages/", reference, StringComparison.Ordinal);
                Assert.True(channel["messages"]!.AsObject().ContainsKey(reference.Split('/')[^1]), $"operation {id}: {reference} is not a message of channel {channelId}");
            }
        }
    }

    [Fact]
    public void Every_message_has_a_schema_file_that_exists_and_is_of_the_type_it_names()
    {
        foreach (var (id, message) in Messages())
        {
            var file = AsyncApiDocument.PayloadFileOf(message);
            var path = RepositoryFiles.PathOf(["docs", .. file.Split('/')]);
            Assert.True(File.Exists(path), $"message {id}: its payload {file} does not exist (docs/{file})");
            var schema = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(schema["title"]?.GetValue<string>(), message["name"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Every_message_says_where_its_correlation_id_and_idempotency_key_are_and_its_schema_has_them()
    {
        foreach (var (id, message) in Messages())
        {
            var schema = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(["docs", .. AsyncApiDocument.PayloadFileOf(message).Split('/')])))!;
            if (Keyless.TryGetValue(id, out var reason))
            {
                Assert.Null(message["correlationId"]);
                Assert.Null(message["x-idempotency-key"]);
                Assert.Contains(reason, message["summary"]!.GetValue<string>(), StringComparison.Ordinal);
                continue;
            }

            AssertLocates(id, "correlationId", message["correlationId"]?["location"]?.GetValue<string>(), message, schema);
            AssertLocates(id, "x-idempotency-key", message["x-idempotency-key"]?.GetValue<string>(), message, schema);
        }
    }

    IEnumerable<(string Id, JsonObject Message)> Messages() =>
        Document.Root["components"]!["messages"]!.AsObject().Select(m => (m.Key, m.Value!.AsObject()));

    /// <summary>A runtime expression <c>$message.payload#/a/b</c> or <c>$message.header#/h</c> that names a property the message has.</summary>
    static void AssertLocates(string messageId, string what, string? expression, JsonObject message, JsonNode payload)
    {
        Assert.True(expression is not null, $"message {messageId} has no {what}");
        var (source, pointer) = expression!.StartsWith("$message.payload#/", StringComparison.Ordinal) ? (payload, expression["$message.payload#/".Length..])
            : expression.StartsWith("$message.header#/", StringComparison.Ordinal) ? (message["headers"], expression["$message.header#/".Length..])
            : (null, "");
        Assert.True(source is not null, $"message {messageId}: {what} '{expression}' is not a $message.payload#/… or $message.header#/… location of this message");
        var node = source;
        foreach (var segment in pointer.Split('/'))
        {
            node = node?["properties"]?[segment];
        }

        Assert.True(node is not null, $"message {messageId}: {what} '{expression}' names no property of the message");
        Assert.Contains("string", node!["type"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
