using System.Text;
using System.Text.Json;
using CsCheck;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.ServicePoints;
using static ServiceOrders.Tests.BadInput.ParserGens;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// How crew completions and head-end results are read, on the HTTP callbacks (bytes) and the result queue (text):
/// never an exception other than the reader's documented JSON error, and a valid answer reads back as itself and
/// passes its checks.
/// </summary>
public class AnswerReaderPropertyTests
{
    const int Iterations = 2000;

    static readonly Gen<byte[]> Bodies = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        AnyText.Select(t => Encoding.UTF8.GetBytes(t)),
        Mutated(Completions.Select(c => JsonSerializer.SerializeToUtf8Bytes(c, ServiceOrdersJson.Options))),
        Retyped(Completions.Select(c => JsonSerializer.SerializeToUtf8Bytes(c, ServiceOrdersJson.Options))));

    [Fact]
    public void ArbitraryBytes_AreACompletionOrARefusal_NeverAnException() =>
        Bodies.Sample(bytes =>
        {
            if (RequestBodies.TryDeserialize<FieldCompletion>(bytes, out var completion, out var error))
            {
                AnswerValidator.Validate(completion!, Now);
            }
            else if (error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(RequestBodies.Describe<FieldCompletion>(error)));
            }
        }, iter: Iterations);

    static readonly Gen<byte[]> ResultMessages =
        Gen.Select(Ids, Results, (id, r) => JsonSerializer.SerializeToUtf8Bytes(new HeadEndResultMessage($"{id}.1", r), ServiceOrdersJson.Options));

    [Fact]
    public void ArbitraryText_OnTheResultQueue_IsAResultOrAJsonError() =>
        Gen.OneOf(
            AnyText,
            Mutated(ResultMessages).Select(b => Encoding.UTF8.GetString(b)),
            Retyped(ResultMessages).Select(b => Encoding.UTF8.GetString(b))).Sample(text =>
        {
            try
            {
                if (JsonSerializer.Deserialize<HeadEndResultMessage>(text, ServiceOrdersJson.Options) is { Result: { } result })
                {
                    AnswerValidator.Validate(result, Now);
                }
            }
            catch (JsonException)
            {
                // The documented refusal: the message goes to the poison queue with this error.
            }
        }, iter: Iterations);

    [Fact]
    public void AValidCompletion_ReadsBackAsItself_AndPassesItsChecks() =>
        Completions.Sample(completion =>
        {
            var json = JsonSerializer.Serialize(completion, ServiceOrdersJson.Options);

            Assert.True(RequestBodies.TryDeserialize<FieldCompletion>(Encoding.UTF8.GetBytes(json), out var read, out _), json);
            Assert.Equal(json, JsonSerializer.Serialize(read, ServiceOrdersJson.Options));
            Assert.Empty(AnswerValidator.Validate(read!, Now));
        }, iter: Iterations);

    [Fact]
    public void AValidResult_ReadsBackAsItself_AndPassesItsChecks() =>
        Gen.Select(Ids, Results, (id, result) => new HeadEndResultMessage($"{id}.1", result)).Sample(message =>
        {
            var json = JsonSerializer.Serialize(message, ServiceOrdersJson.Options);

            var read = JsonSerializer.Deserialize<HeadEndResultMessage>(json, ServiceOrdersJson.Options)!;

            Assert.Equal(json, JsonSerializer.Serialize(read, ServiceOrdersJson.Options));
            Assert.Empty(AnswerValidator.Validate(read.Result, Now));
        }, iter: Iterations);

    [Fact]
    public void ACompletionWithABreakingCharacterInAnIdOrName_FailsItsChecks() =>
        Gen.Select(Completions, ParserGens.Breaking.Where(c => char.IsControl(c) || c is '/' or '\\' or '.' or ':' or '%'), Gen.Int[0, 2], (c, ch, where) => (c, ch, where)).Sample(x =>
        {
            var damaged = x.where switch
            {
                0 => x.c with { InstalledMeter = new MeterFound("M" + x.ch, MeterClass.Smart) },
                1 => x.c with { RemovedMeterId = "M" + x.ch },
                _ => x.c with { Crew = char.IsControl(x.ch) ? "Crew" + x.ch : "Crew\u0000" },
            };

            Assert.NotEmpty(AnswerValidator.Validate(damaged, Now));
        }, iter: Iterations);
}
