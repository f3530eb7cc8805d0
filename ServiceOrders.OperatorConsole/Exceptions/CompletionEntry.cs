using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.OperatorConsole.Configuration;

namespace ServiceOrders.OperatorConsole.Exceptions;

/// <summary>
/// A crew's completion as an operator enters it on the crew's behalf (Record done): who did the work, when (in the
/// console's time zone), the switch they left, and a reading if they took one. The API checks it as it checks a crew's
/// own report; this catches what a person can fix before sending.
/// </summary>
public sealed class CompletionEntry
{
    public string? Crew { get; set; }

    /// <summary>Wall-clock time in the console's zone.</summary>
    public DateTime? DoneAt { get; set; }

    public SwitchState? Switch { get; set; }

    public string? Register { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    /// <summary>An entry that starts at the present minute in the console's zone.</summary>
    public static CompletionEntry Starting(ConsoleClock clock)
    {
        var now = clock.Local(clock.Now);
        return new CompletionEntry { DoneAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified) };
    }

    /// <summary>What is missing or wrong, in words, one per line; empty when it can be sent.</summary>
    public IReadOnlyList<string> Problems(ConsoleClock clock)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Crew) || Crew.Trim().Length > 64)
        {
            problems.Add("Name the crew that did the work (at most 64 characters).");
        }

        if (DoneAt is not { } doneAt)
        {
            problems.Add("Say when the work was done.");
        }
        else if (clock.FromLocal(doneAt) > clock.Now + TimeSpan.FromDays(1))
        {
            problems.Add("The work cannot be done later than tomorrow.");
        }

        var reading = new[] { string.IsNullOrWhiteSpace(Register), Value is null, string.IsNullOrWhiteSpace(Unit) };
        if (reading.Contains(true) && reading.Contains(false))
        {
            problems.Add("A reading needs its register, value and unit; leave all three empty when the crew took none.");
        }

        return problems;
    }

    /// <summary>The completion the API takes, with the note as the crew's remarks; call once <see cref="Problems"/> is empty.</summary>
    public FieldCompletion ToCompletion(ConsoleClock clock, string? note)
    {
        var doneAt = clock.FromLocal(DoneAt!.Value);
        IReadOnlyList<Reading>? readings = Value is { } value && !string.IsNullOrWhiteSpace(Register) && !string.IsNullOrWhiteSpace(Unit)
            ? [new Reading(Register.Trim(), value, Unit.Trim(), doneAt)]
            : null;
        return new FieldCompletion(CompletionCode.Completed, Crew!.Trim(), doneAt, Switch, readings, Remarks: note);
    }
}
