namespace ServiceOrders.Contracts.Orders;

/// <summary>Why a request was refused, with a stable code the requesting system can act on.</summary>
public sealed record ValidationError(string Code, string Field, string Message);

public static class ReasonCodes
{
    public const string MissingField = "MissingField";
    public const string InvalidValue = "InvalidValue";
    public const string InvalidId = "InvalidId";
    public const string UnsupportedRequestType = "UnsupportedRequestType";
    public const string DateOutOfRange = "DateOutOfRange";
    public const string UnknownServicePoint = "UnknownServicePoint";
    public const string CommodityMismatch = "CommodityMismatch";
    public const string NotPossibleForMeter = "NotPossibleForMeter";
    public const string ActivityFailed = "ActivityFailed";
    public const string NoProgress = "NoProgress";
    public const string StepBoundReached = "StepBoundReached";
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
    public const string ConflictingOrder = "ConflictingOrder";
    public const string Cancelled = "Cancelled";
}
