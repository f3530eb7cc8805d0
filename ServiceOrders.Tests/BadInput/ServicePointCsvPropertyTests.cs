using System.Text;
using CsCheck;
using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;
using static ServiceOrders.Tests.BadInput.ParserGens;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// The registry file reader, fed arbitrary text and damaged files: it never throws, every error names a line of the
/// file and a known code, and a valid file, whatever its column order and quoting, reads back as the service points
/// it was written from.
/// </summary>
public class ServicePointCsvPropertyTests
{
    const int Iterations = 1000;

    static readonly HashSet<string> Codes =
    [
        "MissingField", "InvalidValue", "InvalidId", RegistryErrorCodes.NoRows, RegistryErrorCodes.UnknownColumn, RegistryErrorCodes.MissingColumn,
        RegistryErrorCodes.DuplicateColumn, RegistryErrorCodes.MalformedLine, RegistryErrorCodes.WrongFieldCount, RegistryErrorCodes.InconsistentRow,
        RegistryErrorCodes.DuplicateServicePoint,
    ];

    static readonly Gen<ServicePoint> Points =
        from id in Ids
        from commodity in Gen.Enum<Commodity>()
        from shape in Gen.Int[0, 2]
        from meterClass in Gen.Enum<MeterClass>()
        from commissioned in Gen.Bool
        from state in Gen.Enum<SwitchState>()
        from interval in Gen.Bool
        from headEnd in Ids
        from lifeSupport in Gen.Bool
        select shape switch
        {
            0 => new ServicePoint(id, commodity, null, LifeSupport: lifeSupport),
            1 => new ServicePoint(id, commodity, null, Unmetered: true, ItemSwitch: state, LifeSupport: lifeSupport),
            _ => new ServicePoint(id, commodity, new Meter($"M{id}"[..Math.Min(id.Length + 1, 64)], meterClass, commissioned && meterClass == MeterClass.Smart, state, interval, headEnd),
                LifeSupport: lifeSupport),
        };

    static string[] Fields(ServicePoint p) =>
    [
        p.ServicePointId, p.Commodity.ToString(), p.Meter?.MeterId ?? "", p.Meter?.Class.ToString() ?? "",
        p.Meter is { Commissioned: true } ? "true" : "", p.Meter?.Switch.ToString() ?? "", p.Meter is { IntervalCapable: true } ? "true" : "",
        p.Meter?.HeadEndId ?? "", p.Unmetered ? "true" : "false", p.Unmetered ? p.ItemSwitch.ToString() : "", p.LifeSupport ? "true" : "",
    ];

    /// <summary>Writes a file: columns in the given order, each field quoted or not as the flags say.</summary>
    static string Write(IReadOnlyList<ServicePoint> points, int[] order, bool[] quote)
    {
        var text = new StringBuilder();
        string Field(string value, int i) => quote[i % quote.Length] ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        text.AppendLine(string.Join(",", order.Select((c, i) => Field(ServicePointCsv.Columns[c], i))));
        foreach (var point in points)
        {
            var fields = Fields(point);
            text.AppendLine(string.Join(",", order.Select((c, i) => Field(fields[c], i + 1))));
        }

        return text.ToString();
    }

    static readonly Gen<(ServicePoint[] Points, int[] Order, bool[] Quote)> Files =
        Gen.Select(
            Points.Array[1, 8].Select(p => p.DistinctBy(x => x.ServicePointId).ToArray()),
            Gen.Int[0, 1000].Array[ServicePointCsv.Columns.Count].Select(keys => keys.Select((k, i) => (k, i)).OrderBy(x => x.k).Select(x => x.i).ToArray()),
            Gen.Bool.Array[1, 12]);

    static void AssertWellReported(ServicePointCsvResult result, string text)
    {
        // Lines as the reader counts them: a line ends at \n, \r\n or a lone \r.
        var lines = text.ReplaceLineEndings("\n").Split('\n').Length + 1;
        Assert.Equal(result.ErrorCount == 0 && !result.TooManyRows, result.IsValid);
        Assert.True(result.ErrorCount >= result.Errors.Count, text);
        Assert.All(result.Errors, e =>
        {
            Assert.InRange(e.Line, 1, lines);
            Assert.Contains(e.Code, Codes);
            Assert.False(string.IsNullOrWhiteSpace(e.Message), text);
        });
        if (!result.IsValid)
        {
            Assert.Empty(result.ServicePoints);
        }
    }

    [Fact]
    public void AValidFile_ReadsBackAsItsServicePoints() =>
        Files.Sample(f =>
        {
            var text = Write(f.Points, f.Order, f.Quote);

            var result = ServicePointCsv.Parse(new StringReader(text));

            Assert.True(result.IsValid, string.Join(" ", result.Errors.Select(e => $"{e.Line} {e.Code} {e.Message}")) + "\n" + text);
            Assert.Equal(f.Points, result.ServicePoints);
        }, iter: Iterations);

    [Fact]
    public void ArbitraryText_IsReadOrReported_NeverThrown() =>
        Gen.OneOf(AnyText, Gen.Char["abc,\"\n\r \u0000"].Array[0, 200].Select(c => new string(c))).Sample(text =>
            AssertWellReported(ServicePointCsv.Parse(new StringReader(text)), text), iter: Iterations);

    [Fact]
    public void ADamagedFile_IsReadOrReported_AndAnIdWithABreakingCharacterIsNeverImported() =>
        Gen.Select(Files, Gen.Double[0, 1], ParserGens.Breaking, Gen.Bool, (f, where, ch, cut) => (f, where, ch, cut)).Sample(c =>
        {
            var text = Write(c.f.Points, c.f.Order, c.f.Quote);
            var at = (int)(c.where * text.Length);
            var damaged = c.cut ? text[..at] : text.Insert(at, c.ch.ToString());

            var result = ServicePointCsv.Parse(new StringReader(damaged));

            AssertWellReported(result, damaged);
            Assert.All(result.ServicePoints, p =>
            {
                Assert.True(ServiceOrderValidator.IsValidId(p.ServicePointId), p.ServicePointId);
                Assert.True(p.Meter is null || ServiceOrderValidator.IsValidId(p.Meter.MeterId), p.Meter?.MeterId);
            });
        }, iter: Iterations);
}
