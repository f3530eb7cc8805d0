using CsCheck;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.BadInput;

/// <summary>Generators of valid documents, and of the characters that break them, shared by the parser properties.</summary>
public static class ParserGens
{
    const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The clock every property reads documents at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly Gen<string> Ids =
        Gen.Select(Gen.Char[Letters], Gen.Char[Letters + "-_"].Array[0, 63], (first, rest) => first + new string(rest));

    /// <summary>Printable text, including what JSON and CSV must escape or quote.</summary>
    public static readonly Gen<string> Texts = Gen.Char[Letters + " .,;:'\"\\/{}[]#é€"].Array[1, 40].Select(c => new string(c).Trim() is { Length: > 0 } t ? t : "x");

    /// <summary>Characters that have no place in an id, a name or a line of CSV.</summary>
    public static readonly Gen<char> Breaking = Gen.Char["\u0000\u0001\u0007\n\r\t\u007f\u0085\u2028\"',/\\.%: {}[]"];

    /// <summary>Any characters at all, including lone surrogates.</summary>
    public static readonly Gen<string> AnyText = Gen.OneOf(Gen.String, Gen.Char.Array[0, 200].Select(c => new string(c)));

    /// <summary>A valid document with one to four bytes overwritten by JSON syntax, digits, control characters or invalid UTF-8.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) =>
        Gen.Select(valid, Gen.Select(Gen.Double[0, 1], Gen.Byte[0, 34]).Array[1, 4], (bytes, edits) =>
        {
            const string alphabet = "{}[]\":,0123456789-.etfnu\\ ";
            byte[] others = [0xC3, 0xFF, 0x80, 0x00, 0x01, 0x07, 0x0A, 0x1F];
            var mutated = bytes.ToList();
            foreach (var (where, what) in edits)
            {
                var at = (int)(where * mutated.Count);
                var value = what < alphabet.Length ? (byte)alphabet[what] : others[(what - alphabet.Length) % others.Length];
                if (at < mutated.Count && what % 2 == 0)
                {
                    mutated[at] = value;
                }
                else
                {
                    mutated.Insert(at, value);
                }
            }

            return mutated.ToArray();
        });

    /// <summary>A valid document with the value of one property, at any depth, replaced by a value of another JSON type.</summary>
    public static Gen<byte[]> Retyped(Gen<byte[]> valid) =>
        Gen.Select(valid, Gen.Int[0, 1000], Gen.Int[0, 6], (bytes, pick, kind) =>
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(bytes)!;
            var properties = new List<(System.Text.Json.Nodes.JsonObject Parent, string Name)>();
            void Walk(System.Text.Json.Nodes.JsonNode? node)
            {
                if (node is System.Text.Json.Nodes.JsonObject o)
                {
                    foreach (var (name, child) in o.ToList())
                    {
                        properties.Add((o, name));
                        Walk(child);
                    }
                }
                else if (node is System.Text.Json.Nodes.JsonArray a)
                {
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                }
            }

            Walk(root);
            var (parent, property) = properties[pick % properties.Count];
            parent[property] = kind switch
            {
                0 => 1,
                1 => "1",
                2 => new System.Text.Json.Nodes.JsonArray(),
                3 => new System.Text.Json.Nodes.JsonObject(),
                4 => true,
                5 => null,
                _ => "A, B",
            };
            return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        });

    public static readonly Gen<ServiceOrderRequest> Requests =
        from requestId in Ids
        from type in Gen.Enum<RequestType>().Where(ServiceOrderPlanner.Supports)
        from servicePointId in Ids
        from commodity in Gen.Enum<Commodity>()
        from meterId in Gen.Bool.SelectMany(b => b ? Ids.Select(i => (string?)i) : Gen.Const((string?)null))
        from newMeter in Gen.Bool.SelectMany(b => b ? Gen.Select(Ids, Gen.Enum<MeterClass>(), Gen.Bool, (i, c, v) => (MeterFound?)new MeterFound(i, c, v)) : Gen.Const((MeterFound?)null))
        from readKind in Gen.OneOf<ReadKind?>(null, ReadKind.Scalar, ReadKind.Interval)
        from requestedDate in Gen.Bool.SelectMany(b => b ? Gen.Int[-360, 700].Select(d => (DateTimeOffset?)Now.AddDays(d)) : Gen.Const((DateTimeOffset?)null))
        from emergency in Gen.Bool
        from system in Gen.Char[Letters + "-"].Array[1, 64].Select(c => new string(c))
        from contact in Gen.Bool.SelectMany(b => b ? Gen.Select(Texts, Texts, Texts, (n, p, a) => (Contact?)new Contact(n, p, a)) : Gen.Const((Contact?)null))
        select new ServiceOrderRequest(requestId, type, servicePointId, commodity, meterId, newMeter, readKind, requestedDate, emergency, system, null, contact);

    public static readonly Gen<Reading> Readings =
        Gen.Select(Texts.Select(t => t.Length > 64 ? t[..64] : t), Gen.Decimal[-1_000_000m, 1_000_000m], Gen.Int[0, 3000], Gen.Enum<ReadKind>(),
            (register, value, minutesAgo, kind) => new Reading(register, value, "kWh", Now.AddMinutes(-minutesAgo), kind));

    public static readonly Gen<FieldCompletion> Completions =
        from code in Gen.Enum<CompletionCode>()
        from crew in Gen.Bool.SelectMany(b => b ? Ids.Select(i => (string?)i) : Gen.Const((string?)null))
        from state in Gen.OneOf<SwitchState?>(null, SwitchState.Connected, SwitchState.Disconnected, SwitchState.Armed, SwitchState.Unknown)
        from readings in Readings.Array[0, 4]
        from installed in Gen.Bool.SelectMany(b => b ? Gen.Select(Ids, Gen.Enum<MeterClass>(), (i, c) => (MeterFound?)new MeterFound(i, c)) : Gen.Const((MeterFound?)null))
        from removed in Gen.Bool.SelectMany(b => b ? Ids.Select(i => (string?)i) : Gen.Const((string?)null))
        from remarks in Gen.Bool.SelectMany(b => b ? Texts.Select(t => (string?)t) : Gen.Const((string?)null))
        select new FieldCompletion(code, crew, Now.AddMinutes(-5), state, readings, installed, removed, remarks);

    public static readonly Gen<HeadEndResult> Results =
        from outcome in Gen.Enum<CommandOutcome>()
        from state in Gen.OneOf<SwitchState?>(null, SwitchState.Connected, SwitchState.Disconnected)
        from readings in Readings.Array[0, 4]
        from error in Gen.Bool.SelectMany(b => b ? Texts.Select(t => (string?)t) : Gen.Const((string?)null))
        select new HeadEndResult(outcome, state, readings, error);
}
