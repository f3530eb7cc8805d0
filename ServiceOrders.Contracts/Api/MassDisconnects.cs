namespace ServiceOrders.Contracts.Api;

/// <summary>
/// Disconnects received since a moment (a billing run's batch), as <c>GET /api/mass-disconnects/progress?since=</c>
/// (optionally <c>&amp;requestingSystem=</c>) shows them, for watching a batch live.
/// </summary>
/// <param name="Since">The start of the batch.</param>
/// <param name="At">When the figures were taken.</param>
/// <param name="Received">Disconnect orders received since then.</param>
/// <param name="Waiting">Not yet under way: deferred, waiting for a date or for admission.</param>
/// <param name="Running">Under way (a command or crew out).</param>
/// <param name="Completed">Done.</param>
/// <param name="InException">Waiting for a person.</param>
/// <param name="Ended">Ended otherwise (failed, cancelled, rejected).</param>
/// <param name="PerHeadEnd">Per head-end: completions in the last 5 minutes, as a rate.</param>
public sealed record MassDisconnectProgress(
    DateTimeOffset Since,
    DateTimeOffset At,
    int Received,
    int Waiting,
    int Running,
    int Completed,
    int InException,
    int Ended,
    IReadOnlyList<HeadEndRate> PerHeadEnd);

/// <summary>One head-end's pace in a batch.</summary>
/// <param name="HeadEnd">The head-end.</param>
/// <param name="Completed">Disconnects it completed in the batch.</param>
/// <param name="PerMinute">Its completions per minute over the last 5 minutes.</param>
public sealed record HeadEndRate(string HeadEnd, int Completed, double PerMinute);
