using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.BadInput.BadValues;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// The storage queues the standalone host reads, fed bad messages the way an outside system would put them there:
/// each must end on the queue's poison queue with its reason, once, and nothing may block the queue. The whole corpus
/// of a queue is sent at once, and each case then waits for its own record, so the set costs one polling round.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class QueueBadInputTests(StandaloneHostFixture host)
{
    static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>A message as put on the queue: <see cref="Encoded"/> as the documented format says (base64), or as raw text.</summary>
    public sealed record QueueCase(Func<string, string> Body, bool Encoded, string Reason, bool Replied = false);

    static readonly Dictionary<string, QueueCase> IntakeCases = new()
    {
        ["not JSON, not base64"] = new(id => $"read the meter please, {id}!", Encoded: false, "UnreadableMessage"),
        ["base64 of binary"] = new(_ => Convert.ToBase64String([0x00, 0xFF, 0xFE, 0x10]), Encoded: false, "UnreadableMessage"),
        ["base64 of a JSON array"] = new(id => $"[\"{id}\"]", Encoded: true, "UnreadableMessage"),
        ["an unknown request type"] = new(id => $$$"""{"requestId":"{{{id}}}","requestType":"Teleport","servicePointId":"SP-1","commodity":"Electric"}""", Encoded: true, "MalformedRequest", Replied: true),
        ["missing fields, as plain JSON"] = new(id => $$$"""{"requestId":"{{{id}}}","requestType":"ReadMeter"}""", Encoded: false, "MalformedRequest", Replied: true),
        ["requestId given twice"] = new(id => $$$"""{"requestId":"{{{id}}}","requestId":"OTHER-1","requestType":"ReadMeter","servicePointId":"SP-1","commodity":"Electric"}""", Encoded: true, "MalformedRequest", Replied: true),
        ["deeply nested"] = new(id => $$$"""{"requestId":"{{{id}}}","requestType":"ReadMeter","servicePointId":"SP-1","commodity":"Electric","contact":{{{Nested(100)}}}}""", Encoded: true, "MalformedRequest", Replied: true),
        ["a service point id with a path"] = new(id => $$$"""{"requestId":"{{{id}}}","requestType":"ReadMeter","servicePointId":"../SP-1","commodity":"Electric"}""", Encoded: true, "InvalidRequest", Replied: true),
        ["a requested date in year 9999"] = new(id => $$$"""{"requestId":"{{{id}}}","requestType":"ReadMeter","servicePointId":"SP-1","commodity":"Electric","requestedDate":"9999-12-31T23:59:59Z"}""", Encoded: true, "InvalidRequest", Replied: true),
        ["a request id with a control character"] = new(id => $$$"""{"requestId":"{{{id}}}\u0007","requestType":"ReadMeter","servicePointId":"SP-1","commodity":"Electric"}""", Encoded: true, "InvalidRequest"),
    };

    static readonly Lazy<Task<Dictionary<string, (string Marker, string MessageId)>>> SentIntake = new(() => SendAllAsync(StandaloneHostFixture.IntakeQueue, IntakeCases));

    public static TheoryData<string> Intake => new(IntakeCases.Keys);

    [Theory]
    [MemberData(nameof(Intake))]
    public async Task StorageIntakeQueue_SetsABadMessageAsideWithItsReason(string name)
    {
        var badCase = IntakeCases[name];
        var (marker, messageId) = (await SentIntake.Value)[name];

        var record = await new QueuePoison(StandaloneHostFixture.IntakeQueue + "-poison")
            .WaitForAsync(r => r.GetProperty("messageId").GetString() == messageId, $"the poison record of '{name}'");

        Assert.Equal(badCase.Reason, record.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(record.GetProperty("description").GetString()), name);
        Assert.Equal(1, record.GetProperty("deliveryCount").GetInt32());
        if (badCase.Replied)
        {
            var reply = await host.WaitForReplyAsync(marker, CisReplyKind.Rejected);
            Assert.Equal(record.GetProperty("description").GetString(), reply.Detail);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, record.GetProperty("requestId").ValueKind);
        }
    }

    static readonly Dictionary<string, QueueCase> HeadEndResultCases = new()
    {
        ["not JSON"] = new(id => $"Succeeded {id}", Encoded: true, "Not a head-end result"),
        ["not JSON, not base64"] = new(id => $"Succeeded {id}!", Encoded: false, "Not a head-end result"),
        ["a JSON array"] = new(id => $"[\"{id}\"]", Encoded: true, "Not a head-end result"),
        ["a JSON string"] = new(id => $"\"{id}\"", Encoded: true, "Not a head-end result"),
        ["commandId missing"] = new(id => $$$"""{"result":{"outcome":"Succeeded","error":"{{{id}}}"}}""", Encoded: true, "Not a head-end result"),
        ["result missing"] = new(id => $$$"""{"commandId":"{{{id}}}.1"}""", Encoded: true, "Not a head-end result"),
        ["outcome unknown"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Teleported"}}""", Encoded: true, "Not a head-end result"),
        ["outcome a number"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":1}}""", Encoded: true, "Not a head-end result"),
        ["outcome a list of names"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Succeeded, Failed"}}""", Encoded: true, "Not a head-end result"),
        ["commandId given twice"] = new(id => $$$"""{"commandId":"{{{id}}}.1","commandId":"X.1","result":{"outcome":"Succeeded"}}""", Encoded: true, "Not a head-end result"),
        ["deeply nested"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Succeeded","readings":{{{Nested(100)}}}}}""", Encoded: true, "Not a head-end result"),
        ["a reading in year 1"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Succeeded","readings":[{"register":"1.8.0","value":1,"unit":"kWh","takenAt":"0001-01-01T00:00:00Z"}]}}""", Encoded: true, "Not a valid head-end result"),
        ["an error with a NUL"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Failed","error":"x\u0000"}}""", Encoded: true, "Not a valid head-end result"),
        ["a command of no order"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Succeeded"}}""", Encoded: true, "No order has a command"),
        ["a command id with a path"] = new(id => $$$"""{"commandId":"../{{{id}}}.1","result":{"outcome":"Succeeded"}}""", Encoded: true, "No order has a command"),
        ["a command id with a line feed"] = new(id => $$$"""{"commandId":"{{{id}}}.1\n","result":{"outcome":"Succeeded"}}""", Encoded: true, "No order has a command"),
        ["a command id without a step"] = new(id => $$$"""{"commandId":"{{{id}}}","result":{"outcome":"Succeeded"}}""", Encoded: true, "No order has a command"),
        ["plain JSON of no order"] = new(id => $$$"""{"commandId":"{{{id}}}.1","result":{"outcome":"Succeeded"}}""", Encoded: false, "No order has a command"),
    };

    static readonly Lazy<Task<Dictionary<string, (string Marker, string MessageId)>>> SentResults = new(() => SendAllAsync(StandaloneHostFixture.HeadEndResultQueue, HeadEndResultCases));

    public static TheoryData<string> HeadEndResults => new(HeadEndResultCases.Keys);

    [Theory]
    [MemberData(nameof(HeadEndResults))]
    public async Task HeadEndResultQueue_SetsABadMessageAsideWithItsReason(string name)
    {
        var (marker, _) = (await SentResults.Value)[name];

        var record = await new QueuePoison(StandaloneHostFixture.HeadEndResultQueue + "-poison")
            .WaitForAsync(r => r.GetProperty("body").GetString()!.Contains(marker, StringComparison.Ordinal), $"the poison record of '{name}'");

        Assert.StartsWith(HeadEndResultCases[name].Reason, record.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Puts every case on the queue, each with a marker of its own (also its request id), and returns the markers and message ids.</summary>
    static async Task<Dictionary<string, (string Marker, string MessageId)>> SendAllAsync(string queueName, Dictionary<string, QueueCase> cases)
    {
        var raw = new QueueClient(TestStorage.ConnectionString, queueName);
        await raw.CreateIfNotExistsAsync();
        var sent = new Dictionary<string, (string, string)>();
        foreach (var (name, badCase) in cases)
        {
            var marker = $"BAD-{Guid.NewGuid():N}"[..24];
            var body = badCase.Body(marker);
            var text = badCase.Encoded ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;
            sent[name] = (marker, (await raw.SendMessageAsync(text)).Value.MessageId);
        }

        return sent;
    }
}
