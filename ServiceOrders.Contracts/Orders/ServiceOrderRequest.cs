using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

/// <summary>Account facts that rules depend on.</summary>
/// <param name="LifeSupport">Someone at the service point depends on life-support equipment: a cut for non-payment is forbidden.</param>
public sealed record AccountFlags(bool LifeSupport = false);

/// <summary>Who to talk to on site. Personal data: carried to the field in <see cref="Activities.FieldDispatch.Contact"/>, never logged.</summary>
/// <param name="Name">The person to meet.</param>
/// <param name="Phone">A number to call ahead, as the CIS holds it.</param>
/// <param name="Address">Where to go, when the crew cannot find it from the service point id.</param>
public sealed record Contact(string? Name = null, string? Phone = null, string? Address = null);

/// <summary>
/// A service order request as the requesting system (the CIS) sends it. <see cref="RequestId"/> is the CIS's own id
/// and identifies the order: the same request id never makes a second order. The body of <c>POST /api/orders</c>, or a
/// message on the <c>service-order-requests</c> queue (storage or Service Bus); at most 64 KiB.
/// </summary>
/// <param name="RequestId">The CIS's id, 1 to 64 letters, digits, '-' or '_' starting with a letter or digit: the order's id.</param>
/// <param name="RequestType">What to do.</param>
/// <param name="ServicePointId">Where: a service point in the registry (an id as <paramref name="RequestId"/>).</param>
/// <param name="Commodity">What the service point delivers; must match the registry.</param>
/// <param name="MeterId">The meter the CIS believes is installed; when given, it must be the registered one.</param>
/// <param name="NewMeter">For <c>InstallMeter</c>, <c>ExchangeMeter</c> and <c>EnableService</c>, the meter to put in; sent to the crew.</param>
/// <param name="ReadKind">For <c>ReadMeter</c>, which read; <c>Scalar</c> when left out.</param>
/// <param name="RequestedDate">Do not start before this moment (ISO 8601 with offset), between one year back and two years ahead; now when left out.</param>
/// <param name="Emergency">Marks the field work as an emergency for the crews.</param>
/// <param name="RequestingSystem">Who sends it, 1 to 64 characters; copied into every reply.</param>
/// <param name="Account">Account facts the rules need; none when left out.</param>
/// <param name="Contact">Who to meet on site; personal data.</param>
/// <param name="TraceParent">Optional W3C <c>traceparent</c> of the sender's trace (for an answer: the one its dispatch or command carried); an invalid value is ignored.</param>
/// <param name="TraceState">Optional W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>.</param>
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
    Contact? Contact = null,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);
