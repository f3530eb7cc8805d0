using System.Text;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Tests.Intake;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.BadInput.BadValues;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// The bad-input corpus as queue messages, against the intake handler that the Service Bus trigger, the Service Bus
/// processor and the storage queue listener share, on the real engine. Each message is set aside with its reason and
/// never retried; when its request id can be read, the CIS gets a Rejected reply saying why; no order starts.
/// </summary>
public class IntakeBadInputTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    /// <summary>A bad message: its body for a request id, the reason it is set aside with, and whether the CIS can be told.</summary>
    public sealed record Case(Func<string, byte[]> Body, string Reason, bool Replied);

    static Case Text(Func<string, string> body, string reason, bool replied = true) => new(id => Encoding.UTF8.GetBytes(body(id)), reason, replied);

    /// <summary>A valid ReadMeter request with one field replaced by a raw JSON value (or left out when it is null).</summary>
    static string With(string id, string field, string? value)
    {
        var fields = new Dictionary<string, string>
        {
            ["requestId"] = $"\"{id}\"",
            ["requestType"] = "\"ReadMeter\"",
            ["servicePointId"] = "\"SP-BAD-1\"",
            ["commodity"] = "\"Electric\"",
            ["requestingSystem"] = "\"CIS-BAD\"",
        };
        if (value is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = value;
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    static readonly Dictionary<string, Case> Cases = Build();

    static Dictionary<string, Case> Build()
    {
        const string malformed = IntakeReasons.MalformedRequest;
        const string invalid = IntakeReasons.InvalidRequest;
        const string unreadable = IntakeReasons.Unreadable;
        var cases = new Dictionary<string, Case>
        {
            ["empty body"] = Text(_ => "", unreadable, replied: false),
            ["whitespace"] = Text(_ => " \r\n\t ", unreadable, replied: false),
            ["not JSON"] = Text(_ => "ReadMeter SP-1 please", unreadable, replied: false),
            ["XML"] = Text(id => $"<request><requestId>{id}</requestId></request>", unreadable, replied: false),
            ["JSON null"] = Text(_ => "null", unreadable, replied: false),
            ["JSON array"] = Text(id => $"[{With(id, "requestId", $"\"{id}\"")}]", unreadable, replied: false),
            ["JSON number"] = Text(_ => "42", unreadable, replied: false),
            ["JSON string"] = Text(id => $"\"{id}\"", unreadable, replied: false),
            ["binary"] = new(_ => [0x00, 0xFF, 0xFE, 0x01, 0x80], unreadable, Replied: false),
            ["invalid UTF-8 in a value"] = new(id => [.. Encoding.UTF8.GetBytes($"{{\"requestId\":\"{id}\",\"servicePointId\":\"SP"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")], malformed, Replied: true),
            ["invalid UTF-8 in a property name"] = new(id => [.. Encoding.UTF8.GetBytes($"{{\"requestId\":\"{id}\",\"re"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\":1}")], malformed, Replied: true),
            ["truncated"] = Text(id => With(id, "commodity", "\"Electric\"")[..^12], malformed),
            ["an empty object"] = Text(_ => "{}", malformed, replied: false),
            ["requestId missing"] = Text(id => With(id, "requestId", null), malformed, replied: false),
            ["requestId a number"] = Text(id => With(id, "requestId", "42"), malformed, replied: false),
            ["requestId null"] = Text(id => With(id, "requestId", "null"), malformed, replied: false),
            ["requestType missing"] = Text(id => With(id, "requestType", null), malformed),
            ["commodity missing"] = Text(id => With(id, "commodity", null), malformed),
            ["requestType unknown"] = Text(id => With(id, "requestType", "\"Teleport\""), malformed),
            ["requestType a number"] = Text(id => With(id, "requestType", "3"), malformed),
            ["requestType a numeric string"] = Text(id => With(id, "requestType", "\"3\""), malformed),
            ["commodity a list of names"] = Text(id => With(id, "commodity", "\"Electric, Gas\""), malformed),
            ["emergency a string"] = Text(id => With(id, "emergency", "\"yes\""), malformed),
            ["contact a string"] = Text(id => With(id, "contact", "\"Dana\""), malformed),
            ["requestId given twice"] = Text(id => With(id, "requestId", $"\"{id}\"").Replace("{", "{\"requestId\":\"" + id + "\",", StringComparison.Ordinal), malformed),
            ["requestId given twice in another case"] = Text(id => With(id, "requestId", $"\"{id}\"").Replace("{", "{\"RequestId\":\"OTHER-1\",", StringComparison.Ordinal), malformed),
            ["deeply nested"] = Text(id => With(id, "contact", Nested(200)), malformed),
            ["deeply nested before the request id"] = Text(id => "{\"contact\":" + Nested(200) + $",\"requestId\":\"{id}\"}}", malformed, replied: false),
            ["over 64 KiB"] = Text(id => With(id, "contact", $"{{\"name\":\"{new string('x', RequestBodies.MaxBytes)}\"}}"), IntakeReasons.MessageTooLarge),
            ["over 64 KiB before the request id"] = Text(id => $"{{\"contact\":{{\"name\":\"{new string('x', RequestBodies.MaxBytes)}\"}},\"requestId\":\"{id}\"}}", IntakeReasons.MessageTooLarge, replied: false),
            ["servicePointId with a slash"] = Text(id => With(id, "servicePointId", "\"SP/1\""), invalid),
            ["servicePointId with a trailing line feed"] = Text(id => With(id, "servicePointId", "\"SP-1\\n\""), invalid),
            ["newMeter id with a dot-dot"] = Text(id => With(id, "newMeter", "{\"meterId\":\"..\",\"class\":\"Smart\"}"), invalid),
            ["requestingSystem with a NUL"] = Text(id => With(id, "requestingSystem", "\"CIS\\u0000\""), invalid),
            ["requestId with a slash"] = Text(_ => With("R/1", "requestId", "\"R/1\""), invalid, replied: true),
            ["requestId with a NUL"] = Text(_ => With("R1", "requestId", "\"R1\\u0000\""), invalid, replied: false),
            ["requestId with a trailing line feed"] = Text(_ => With("R1", "requestId", "\"R1\\n\""), invalid, replied: false),
            ["requestId of 101 characters"] = Text(_ => With("R1", "requestId", $"\"{new string('R', 101)}\""), invalid, replied: false),
        };
        foreach (var (name, date) in Dates)
        {
            // A value the reader cannot take as a date is malformed; a date it can read is out of range.
            var reason = name is "not a date" or "a month 13" or "a number" or "DateTimeOffset.MinValue with an offset" or "DateTimeOffset.MaxValue with an offset"
                ? malformed
                : invalid;
            cases[$"requestedDate {name}"] = Text(id => With(id, "requestedDate", date), reason);
        }

        return cases;
    }

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ABadMessage_IsSetAsideWithItsReason_TheCisHearsWhy_AndNoOrderStarts(string name)
    {
        var badCase = Cases[name];
        var requestId = NewId("BAD");
        var replies = new RecordingCisReplies();
        var message = new IntakeMessage(badCase.Body(requestId), $"msg-{requestId}", 1);

        var outcome = await NewIntake(replies).HandleAsync(message, harness.Engine, CancellationToken.None);

        var rejected = Assert.IsType<IntakeOutcome.Rejected>(outcome);
        Assert.Equal(IntakeAction.DeadLetter, outcome.Settlement.Action);
        Assert.Equal(badCase.Reason, outcome.Settlement.Reason);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Settlement.Description), name);
        Assert.NotEmpty(rejected.Errors);
        Assert.Equal(badCase.Replied, rejected.Replied);
        if (badCase.Replied)
        {
            var reply = Assert.Single(replies.Replies);
            Assert.Equal(CisReplyKind.Rejected, reply.Kind);
            Assert.Equal(rejected.RequestId, reply.RequestId);
            Assert.Equal(rejected.Errors, reply.Errors);
            Assert.False(string.IsNullOrWhiteSpace(reply.Detail), name);
        }
        else
        {
            Assert.Empty(replies.Replies);
        }

        // What the poison queue keeps: the reason, the errors, and the body as it came (or as much as fits).
        var record = IntakePoisonQueue.ToRecord(message, outcome, DateTimeOffset.UtcNow);
        Assert.Equal(badCase.Reason, record.Reason);
        Assert.Equal(message.MessageId, record.MessageId);
        Assert.Equal(message.Body.Length, record.BodyLength);
        Assert.False(string.IsNullOrEmpty(record.Body) && message.Body.Length > 0, name);

        if (ServiceOrderValidator.IsValidId(rejected.RequestId))
        {
            Assert.Null(await harness.Engine.GetAsync(new OrderId(rejected.RequestId!), CancellationToken.None));
        }

        // Delivered again, it is set aside again, for the same reason: never retried, never started.
        var again = await NewIntake(replies).HandleAsync(message with { DeliveryCount = 2 }, harness.Engine, CancellationToken.None);
        Assert.Equal(outcome.Settlement, again.Settlement);
    }
}
