using System.Text.Json.Serialization;

namespace ServiceOrders.Domain.Rules;

/// <summary>What <see cref="DisconnectRules.Check"/> says about cutting service for non-payment now.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "verdict")]
[JsonDerivedType(typeof(DisconnectAllowed), "Allowed")]
[JsonDerivedType(typeof(DisconnectNotBefore), "NotBefore")]
[JsonDerivedType(typeof(DisconnectForbidden), "Forbidden")]
public abstract record DisconnectVerdict;

/// <summary>The cut may go ahead now.</summary>
public sealed record DisconnectAllowed : DisconnectVerdict;

/// <summary>
/// Not now: wait durably until <paramref name="Until"/> (the start of the next allowed window, or the next weather
/// re-check) and ask again.
/// </summary>
public sealed record DisconnectNotBefore(DateTimeOffset Until, string ReasonCode, string Detail) : DisconnectVerdict;

/// <summary>No wait will help; a person has to decide (the order goes to the exception queue).</summary>
public sealed record DisconnectForbidden(string ReasonCode, string Detail) : DisconnectVerdict;
