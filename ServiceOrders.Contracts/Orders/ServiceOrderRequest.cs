using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

/// <summary>Account facts that rules depend on.</summary>
public sealed record AccountFlags(bool LifeSupport = false);

/// <summary>Who to talk to on site. Personal data: carried to the field, never logged.</summary>
public sealed record Contact(string? Name = null, string? Phone = null, string? Address = null);

/// <summary>
/// A service order request as the requesting system (the CIS) sends it. <see cref="RequestId"/> is the CIS's own id
/// and identifies the order: the same request id never makes a second order.
/// </summary>
public sealed record ServiceOrderRequest(
    string RequestId,
    RequestType RequestType,
    string ServicePointId,
    Commodity Commodity,
    string? MeterId = null,
    MeterFound? NewMeter = null,
    ReadKind? ReadKind = null,
    DateTimeOffset? RequestedDate = null,
    bool Emergency = false,
    string RequestingSystem = "CIS",
    AccountFlags? Account = null,
    Contact? Contact = null);
