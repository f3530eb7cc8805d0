using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Tests.Domain;

public class AnswerOutcomeTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static readonly FieldCompletion Done = new(CompletionCode.Completed, "Crew 1", At, SwitchState.Connected,
        [new Reading("1.8.0", 10m, "kWh", At), new Reading("2.8.0", 3m, "kWh", At)], Remarks: "ok");

    [Fact]
    public void TheSameWorkReportedAgain_ByAnotherCrewLaterWithOtherRemarks_IsARepeat() =>
        Assert.Equal(AnswerOutcome.Of(Done).Fingerprint, AnswerOutcome.Of(Done with
        {
            Crew = "Crew 2",
            CompletedAt = At.AddMinutes(5),
            Remarks = "sent again",
            Readings = [new Reading("2.8.0", 3m, "kWh", At.AddMinutes(5)), new Reading("1.8.0", 10m, "kWh", At.AddMinutes(5))],
        }).Fingerprint);

    [Theory]
    [InlineData("code")]
    [InlineData("switch")]
    [InlineData("reading")]
    [InlineData("meter")]
    public void AnotherOutcome_IsAContradiction(string change)
    {
        var other = change switch
        {
            "code" => Done with { Code = CompletionCode.CannotAccess },
            "switch" => Done with { Switch = SwitchState.Disconnected },
            "reading" => Done with { Readings = [new Reading("1.8.0", 11m, "kWh", At)] },
            _ => Done with { InstalledMeter = new MeterFound("M-9", MeterClass.Smart) },
        };

        Assert.NotEqual(AnswerOutcome.Of(Done).Fingerprint, AnswerOutcome.Of(other).Fingerprint);
    }

    [Fact]
    public void AHeadEndResult_IsComparedByOutcomeSwitchAndReadings_NotByItsErrorText()
    {
        var failed = new HeadEndResult(CommandOutcome.Failed, Error: "timeout");

        Assert.Equal(AnswerOutcome.Of(failed), AnswerOutcome.Of(failed with { Error = "timed out" }));
        Assert.NotEqual(AnswerOutcome.Of(failed).Fingerprint, AnswerOutcome.Of(new HeadEndResult(CommandOutcome.Succeeded)).Fingerprint);
        Assert.Equal("Succeeded, switch Connected", AnswerOutcome.Of(new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected)).Summary);
    }
}
