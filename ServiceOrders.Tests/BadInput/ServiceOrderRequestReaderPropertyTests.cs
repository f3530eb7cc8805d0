using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using static ServiceOrders.Tests.BadInput.ParserGens;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// The request reader every intake transport uses, fed arbitrary bytes and damaged requests: it never throws, a bad
/// body always comes with a reason and errors, the request id is read whenever it stands intact before the damage,
/// and a valid request reads back as itself.
/// </summary>
public class ServiceOrderRequestReaderPropertyTests
{
    const int Iterations = 2000;

    static readonly HashSet<string> Reasons =
        [IntakeReasons.InvalidRequest, IntakeReasons.MalformedRequest, IntakeReasons.MessageTooLarge, IntakeReasons.Unreadable];

    static byte[] Serialize(ServiceOrderRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, ServiceOrdersJson.Options);

    static void AssertRejected(IntakeReading reading, string what)
    {
        Assert.False(reading.IsValid, what);
        Assert.Null(reading.Request);
        Assert.True(reading.Reason is not null && Reasons.Contains(reading.Reason), what);
        Assert.NotEmpty(reading.Errors);
        Assert.All(reading.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), what));
    }

    [Fact]
    public void AValidRequest_ReadsBackAsItself() =>
        Requests.Sample(request =>
        {
            var reading = ServiceOrderRequestReader.Read(Serialize(request), Now);

            Assert.True(reading.IsValid, string.Join(" ", reading.Errors.Select(e => e.Message)));
            Assert.Equal(request, reading.Request);
            Assert.Equal(request.RequestId, reading.RequestId);
        }, iter: Iterations);

    [Fact]
    public void ArbitraryBytes_AreReadOrRejectedWithAReason_NeverThrown() =>
        Gen.OneOf(Gen.Byte.Array[0, 300], AnyText.Select(t => Encoding.UTF8.GetBytes(t)), Mutated(Requests.Select(Serialize)), Retyped(Requests.Select(Serialize))).Sample(bytes =>
        {
            var reading = ServiceOrderRequestReader.Read(bytes, Now);

            if (!reading.IsValid)
            {
                AssertRejected(reading, Convert.ToBase64String(bytes));
            }
        }, iter: Iterations);

    [Fact]
    public void ATruncatedRequest_IsRejected_AndNamesItsRequestIdWhenTheIdStandsBeforeTheCut() =>
        Gen.Select(Requests, Gen.Double[0, 1], (request, where) => (request, where)).Sample(c =>
        {
            var body = Serialize(c.request);
            var cut = (int)(c.where * (body.Length - 1));

            var reading = ServiceOrderRequestReader.Read(body.AsSpan(0, cut), Now);

            AssertRejected(reading, Encoding.UTF8.GetString(body, 0, cut));
            // Where the id's value ends: found by its key, since a short id (say "e") also occurs inside other text.
            const string IdKey = "\"requestId\":\"";
            var idEnds = Encoding.UTF8.GetString(body).IndexOf(IdKey, StringComparison.Ordinal) + IdKey.Length + c.request.RequestId.Length + 1;
            if (cut > idEnds)
            {
                Assert.Equal(c.request.RequestId, reading.RequestId);
            }
        }, iter: Iterations);

    public enum Damage
    {
        DropField,
        WrongType,
        ControlCharacterInId,
        DuplicateField,
    }

    static readonly string[] Required = ["requestId", "requestType", "servicePointId", "commodity"];

    [Fact]
    public void ADamagedRequest_IsRejectedWithTheFieldItConcerns_AndItsRequestIdWhenStillReadable() =>
        Gen.Select(Requests, Gen.Enum<Damage>(), Gen.Int[0, Required.Length - 1], ParserGens.Breaking, Gen.Int[0, 3], (r, d, f, ch, t) => (r, d, f, ch, t)).Sample(c =>
        {
            var node = JsonNode.Parse(Serialize(c.r))!.AsObject();
            var field = Required[c.f];
            string json;
            switch (c.d)
            {
                case Damage.DropField:
                    node.Remove(field);
                    json = node.ToJsonString();
                    break;
                case Damage.WrongType:
                    node[field] = c.t switch { 0 => 42, 1 => new JsonArray(), 2 => new JsonObject(), _ => true };
                    json = node.ToJsonString();
                    break;
                case Damage.ControlCharacterInId:
                    field = c.f % 2 == 0 ? "requestId" : "servicePointId";
                    node[field] = node[field]!.GetValue<string>() + c.ch;
                    json = node.ToJsonString();
                    break;
                default:
                    json = node.ToJsonString().Replace("{", $"{{\"{field}\":{node[field]!.ToJsonString()},", StringComparison.Ordinal);
                    break;
            }

            var reading = ServiceOrderRequestReader.Read(Encoding.UTF8.GetBytes(json), Now);

            AssertRejected(reading, json);
            Assert.Contains(reading.Errors, e => e.Field == field || e.Field == "body");
            if (field != "requestId")
            {
                Assert.Equal(c.r.RequestId, reading.RequestId);
            }
        }, iter: Iterations);
}
