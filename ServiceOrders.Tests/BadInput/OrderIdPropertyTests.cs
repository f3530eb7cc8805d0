using CsCheck;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Orders;
using static ServiceOrders.Tests.BadInput.ParserGens;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// Order and activity ids, the keys that reach durable instance ids, table keys and URLs: the check says exactly what
/// the README says, and an activity id leads back to its order and to nothing else.
/// </summary>
public class OrderIdPropertyTests
{
    const int Iterations = 5000;

    /// <summary>The README's rule, written out plainly.</summary>
    static bool ByTheRule(string id) =>
        id.Length is >= 1 and <= 64
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    static readonly Gen<string> Candidates = Gen.OneOf(
        AnyText,
        Gen.Select(Ids, Breaking, Gen.Double[0, 1], (id, ch, where) => id.Insert((int)(where * id.Length), ch.ToString())),
        Gen.Select(Ids, Breaking, (id, ch) => id + ch),
        Gen.Char["Aa0-_"].Array[0, 70].Select(c => new string(c)));

    [Fact]
    public void AnId_IsValidExactlyWhenTheRuleSaysSo() =>
        Candidates.Sample(id => Assert.Equal(ByTheRule(id), ServiceOrderValidator.IsValidId(id)), iter: Iterations);

    [Fact]
    public void AnActivityId_LeadsBackToItsOrder() =>
        Gen.Select(Ids, Gen.Int[1, int.MaxValue], (id, step) => (id, step)).Sample(c =>
            Assert.Equal(new OrderId(c.id), OrderIds.OrderOf(OrderIds.StepId(new OrderId(c.id), c.step))), iter: Iterations);

    [Fact]
    public void AnyOtherText_LeadsToNoOrder_OrToAValidOneWhoseActivityIdItIs() =>
        Gen.OneOf(
            Candidates,
            Gen.Select(Ids, Gen.String, (id, tail) => $"{id}.{tail}"),
            Gen.Select(Ids, Gen.Char[" +-0\n\t"], Gen.Int[0, 1000], Gen.Char[" \n.x"], (id, before, step, after) => $"{id}.{before}{step}{after}"),
            Gen.Select(Ids, Gen.Char[" +-0\n\t"], Gen.Int[0, 1000], (id, before, step) => $"{id}.{before}{step}")).Sample(text =>
        {
            var order = OrderIds.OrderOf(text);

            Assert.True(order is not { } id || (ServiceOrderValidator.IsValidId(id.Value) && text.StartsWith(id.Value + ".", StringComparison.Ordinal)
                && int.TryParse(text[(id.Value.Length + 1)..], out var step) && step > 0 && OrderIds.StepId(id, step) == text), text);
        }, iter: Iterations);
}
