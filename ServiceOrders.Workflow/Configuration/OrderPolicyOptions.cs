using System.ComponentModel.DataAnnotations;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Workflow.Configuration;

/// <summary>Deadlines, limits and rules given to every new order (section <c>Orders</c>).</summary>
public sealed class OrderPolicyOptions
{
    public const string SectionName = "Orders";

    /// <summary>How long a crew has to report a field activity.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan FieldDeadline { get; set; } = OrderPolicy.Default.FieldDeadline;

    /// <summary>How long the head-end has to answer a command.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CommandDeadline { get; set; } = OrderPolicy.Default.CommandDeadline;

    [Range(1, 100)]
    public int MaxSteps { get; set; } = PlanningPolicy.Default.MaxSteps;

    [Range(1, 10)]
    public int MaxSuccessesPerActivity { get; set; } = PlanningPolicy.Default.MaxSuccessesPerActivity;

    /// <summary>Tries of a command that fails or gets no answer before a crew is sent instead.</summary>
    [Range(1, 10)]
    public int MaxCommandAttempts { get; set; } = PlanningPolicy.Default.MaxCommandAttempts;

    /// <summary>The wait before the first retry of a failed command; it doubles with each further try.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CommandRetryBackoff { get; set; } = PlanningPolicy.Default.CommandRetryBackoff;

    /// <summary>Whether a move-out also turns service off.</summary>
    public bool DisconnectOnMoveOut { get; set; } = PlanningPolicy.Default.DisconnectOnMoveOut;

    /// <summary>Reject a new order while a conflicting one is open on its service point, or wait for it.</summary>
    public ConflictPolicy Conflicts { get; set; } = OrderPolicy.Default.Conflicts;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConflictRetryInterval { get; set; } = OrderPolicy.Default.ConflictRetryInterval;

    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxConflictWait { get; set; } = OrderPolicy.Default.MaxConflictWait;

    /// <summary>How long an order waits in exception for a person before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ExceptionDeadline { get; set; } = OrderPolicy.Default.ExceptionDeadline;

    /// <summary>Time between two disconnect commands to one head-end in a mass run; zero sends them as they come.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DisconnectSpacing { get; set; }

    /// <summary>Tries of an activity that throws before the order gives up on it.</summary>
    [Range(1, 20)]
    public int ActivityAttempts { get; set; } = ActivityRetry.Default.MaxAttempts;

    /// <summary>The wait before the first retry of an activity; each next wait doubles, up to a minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ActivityFirstRetryInterval { get; set; } = ActivityRetry.Default.FirstInterval;

    [Required]
    public DisconnectRulesOptions Disconnects { get; set; } = new();

    public OrderPolicy ToPolicy() => new(
        FieldDeadline,
        CommandDeadline,
        new PlanningPolicy(MaxSteps, MaxSuccessesPerActivity, MaxCommandAttempts)
        {
            CommandRetryBackoff = CommandRetryBackoff,
            DisconnectOnMoveOut = DisconnectOnMoveOut,
        },
        new ActivityRetry(ActivityAttempts, ActivityFirstRetryInterval))
    {
        Conflicts = Conflicts,
        ConflictRetryInterval = ConflictRetryInterval,
        MaxConflictWait = MaxConflictWait,
        ExceptionDeadline = ExceptionDeadline,
        DisconnectSpacing = DisconnectSpacing,
        Disconnects = Disconnects.ToPolicy(),
    };
}

/// <summary>The utility's rules before a disconnect for non-payment (section <c>Orders:Disconnects</c>).</summary>
public sealed class DisconnectRulesOptions
{
    static readonly DisconnectPolicy Defaults = DisconnectPolicy.Default;

    public bool Enabled { get; set; } = Defaults.Enabled;

    /// <summary>The utility's time zone (IANA id); every calendar rule is read in it.</summary>
    public string TimeZoneId { get; set; } = Defaults.TimeZoneId;

    public TimeOnly WindowStart { get; set; } = Defaults.WindowStart;

    public TimeOnly Cutoff { get; set; } = Defaults.Cutoff;

    public bool NoCutOnWeekends { get; set; } = Defaults.NoCutOnWeekends;

    public bool NoCutOnDayBeforeWeekend { get; set; } = Defaults.NoCutOnDayBeforeWeekend;

    public bool NoCutOnDayBeforeHoliday { get; set; } = Defaults.NoCutOnDayBeforeHoliday;

    public List<DateOnly> Holidays { get; set; } = [];

    public decimal? ColdLimitF { get; set; } = Defaults.ColdLimitF;

    public decimal? HotLimitF { get; set; } = Defaults.HotLimitF;

    public TimeSpan ForecastHorizon { get; set; } = Defaults.ForecastHorizon;

    public TimeSpan WeatherRecheck { get; set; } = Defaults.WeatherRecheck;

    public TimeSpan MaxDeferral { get; set; } = Defaults.MaxDeferral;

    public DisconnectPolicy ToPolicy() => new()
    {
        Enabled = Enabled,
        TimeZoneId = TimeZoneId,
        WindowStart = WindowStart,
        Cutoff = Cutoff,
        NoCutOnWeekends = NoCutOnWeekends,
        NoCutOnDayBeforeWeekend = NoCutOnDayBeforeWeekend,
        NoCutOnDayBeforeHoliday = NoCutOnDayBeforeHoliday,
        Holidays = Holidays.ToArray(),
        ColdLimitF = ColdLimitF,
        HotLimitF = HotLimitF,
        ForecastHorizon = ForecastHorizon,
        WeatherRecheck = WeatherRecheck,
        MaxDeferral = MaxDeferral,
    };
}
