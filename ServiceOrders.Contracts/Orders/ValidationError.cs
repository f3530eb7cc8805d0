namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// Why a request, answer or body was refused, with a stable code the requesting system can act on: in a rejected
/// order's <see cref="CisReply.Errors"/> and <see cref="Api.OrderView.Errors"/>, and in the <c>errors</c> of a 400 problem.
/// </summary>
/// <param name="Code">What is wrong: one of <see cref="ReasonCodes"/> (<see cref="Api.ProblemErrorCodes"/> lists those the HTTP API answers with).</param>
/// <param name="Field">The camelCase JSON path of the field concerned (<c>requestId</c>, <c>readings[2].unit</c>), or <c>requestType</c> / <c>servicePointId</c> for a check against the registry.</param>
/// <param name="Message">The reason in words, for people; its wording may change.</param>
public sealed record ValidationError(string Code, string Field, string Message);

/// <summary>
/// Stable reason codes: of a <see cref="ValidationError"/>, and of how an order ended (<see cref="CisReply.ReasonCode"/>,
/// <see cref="OrderResult.ReasonCode"/>, <see cref="OrderIndexEntry.ReasonCode"/>, <see cref="ExceptionInfo.ReasonCode"/>).
/// The disconnect rules add <see cref="DisconnectReasons"/>.
/// </summary>
public static class ReasonCodes
{
    /// <summary>A required field is missing or empty.</summary>
    public const string MissingField = "MissingField";

    /// <summary>A value the field does not allow: an unknown enum value, a too long text, control characters, a bad format.</summary>
    public const string InvalidValue = "InvalidValue";

    /// <summary>An id that is not 1 to 64 letters, digits, '-' or '_' starting with a letter or digit.</summary>
    public const string InvalidId = "InvalidId";

    /// <summary>A request type the product does not carry out.</summary>
    public const string UnsupportedRequestType = "UnsupportedRequestType";

    /// <summary>A date outside its allowed range (a requested date more than a year back or two years ahead).</summary>
    public const string DateOutOfRange = "DateOutOfRange";

    /// <summary>The service point is not in the registry: the order is rejected.</summary>
    public const string UnknownServicePoint = "UnknownServicePoint";

    /// <summary>The request's commodity is not the service point's: the order is rejected.</summary>
    public const string CommodityMismatch = "CommodityMismatch";

    /// <summary>The request cannot be done with the service point's meter (none, another meter, the wrong class, no interval data, metered vs. unmetered).</summary>
    public const string NotPossibleForMeter = "NotPossibleForMeter";

    /// <summary>An activity failed and the planner has no other way to the goal.</summary>
    public const string ActivityFailed = "ActivityFailed";

    /// <summary>Activities kept succeeding without bringing the order nearer its goal.</summary>
    public const string NoProgress = "NoProgress";

    /// <summary>The order made the most decisions an order may make without ending: it fails.</summary>
    public const string StepBoundReached = "StepBoundReached";

    /// <summary>A call of the product's own (registry, queue, storage) failed on every retry: the order fails.</summary>
    public const string ActivityError = "ActivityError";

    /// <summary>A crew reported the field work not done (no access, refused, not found).</summary>
    public const string FieldWorkNotDone = "FieldWorkNotDone";

    /// <summary>No crew reported the field work before its deadline.</summary>
    public const string FieldWorkOverdue = "FieldWorkOverdue";

    /// <summary>A head-end command failed every allowed try, or was rejected, and no field activity can stand in for it.</summary>
    public const string CommandExhausted = "CommandExhausted";

    /// <summary>A meter is already installed where the request would install one.</summary>
    public const string MeterAlreadyInstalled = "MeterAlreadyInstalled";

    /// <summary>The request needs service to be on, and it is off.</summary>
    public const string ServiceIsOff = "ServiceIsOff";

    /// <summary>Another open order changes the same service point: rejected, or waited for with <c>Orders:Conflicts = Wait</c>.</summary>
    public const string ConflictingOrder = "ConflictingOrder";

    /// <summary>The order was cancelled by the CIS or an operator.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>
    /// A request came under a request id that an earlier request with other content already uses: nothing was started
    /// and the earlier order is unchanged. Send a new request id for a new request, or <c>/update</c> or
    /// <c>/cancel</c> to change the earlier one.
    /// </summary>
    public const string RequestIdInUse = "RequestIdInUse";

    /// <summary>
    /// A crew or head-end answered an activity a second time with another outcome than its first answer: the second
    /// was not applied and waits for a person on the exceptions list.
    /// </summary>
    public const string ConflictingAnswer = "ConflictingAnswer";
}
