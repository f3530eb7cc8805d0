namespace ServiceOrders.Domain.Orders;

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
}
