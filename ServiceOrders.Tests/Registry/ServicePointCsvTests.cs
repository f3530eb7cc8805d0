using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Registry;

public class ServicePointCsvTests
{
    const string Header = "servicePointId,commodity,meterId,meterClass,commissioned,switch,intervalCapable,headEndId,unmetered,itemSwitch";

    static ServicePointCsvResult Parse(params string[] lines) => ServicePointCsv.Parse(new StringReader(string.Join('\n', lines)));

    /// <summary>The one error of a file that has exactly one.</summary>
    static RegistryRowError OnlyError(params string[] lines)
    {
        var result = Parse(lines);
        Assert.False(result.IsValid);
        Assert.Empty(result.ServicePoints);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void AGoodFile_GivesEveryServicePoint()
    {
        var result = Parse(
            Header,
            "SP-1,Electric,SM-1,Smart,true,Connected,true,he-east,false,",
            "SP-2,Gas,AMR-2,Amr,false,Disconnected,false,,false,",
            "SP-3,Water,,,,,,,,",
            "SP-4,Electric,,,,,,,true,Connected");

        Assert.True(result.IsValid);
        Assert.Equal(
            [
                new ServicePoint("SP-1", Commodity.Electric, new Meter("SM-1", MeterClass.Smart, true, SwitchState.Connected, true, "he-east")),
                new ServicePoint("SP-2", Commodity.Gas, new Meter("AMR-2", MeterClass.Amr, false, SwitchState.Disconnected)),
                new ServicePoint("SP-3", Commodity.Water, Meter: null),
                new ServicePoint("SP-4", Commodity.Electric, Meter: null, Unmetered: true, ItemSwitch: SwitchState.Connected),
            ],
            result.ServicePoints);
    }

    [Fact]
    public void TheColumns_MayComeInAnyOrderAndCase_AndOptionalOnesMayBeLeftOut()
    {
        var result = Parse("METERID, Commodity ,servicepointid,meterClass", "M-1,gas,SP-1,manual");

        Assert.True(result.IsValid);
        Assert.Equal(new ServicePoint("SP-1", Commodity.Gas, new Meter("M-1", MeterClass.Manual, false, SwitchState.Unknown)), Assert.Single(result.ServicePoints));
    }

    [Fact]
    public void TheLifeSupportFlag_IsRead_AndDefaultsToNone()
    {
        var result = Parse("servicePointId,commodity,lifeSupport", "SP-1,Electric,true", "SP-2,Electric,");

        Assert.True(result.IsValid);
        Assert.Equal([true, false], result.ServicePoints.Select(p => p.LifeSupport));
    }

    [Fact]
    public void ByteOrderMark_CarriageReturns_BlankLinesAndATrailingNewline_AreFine()
    {
        var result = ServicePointCsv.Parse(new StringReader("\uFEFFservicePointId,commodity\r\n\r\nSP-1,Electric\r\n   \r\nSP-2,Water\r\n"));

        Assert.True(result.IsValid);
        Assert.Equal(["SP-1", "SP-2"], result.ServicePoints.Select(p => p.ServicePointId));
    }

    [Fact]
    public void QuotedFields_AreUnquoted()
    {
        var result = Parse("servicePointId,commodity,meterId,meterClass", "\"SP-1\", \"Electric\" ,\"SM-1\",Smart");

        Assert.True(result.IsValid);
        Assert.Equal("SM-1", Assert.Single(result.ServicePoints).Meter!.MeterId);
    }

    [Fact]
    public void AQuotedField_KeepsItsCommaAndDoubledQuotes()
    {
        // The comma stays inside the field (the row keeps its four fields), and "" is one quote; neither is a valid class.
        var result = Parse("servicePointId,commodity,meterId,meterClass", "SP-1,Electric,SM-1,\"Smart,\"\"Amr\"\"\"");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "meterClass", ReasonCodes.InvalidValue), (error.Line, error.Field, error.Code));
        Assert.Contains("'Smart,\"Amr\"'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyQuotedField_IsEmpty()
    {
        var result = Parse("servicePointId,commodity,meterId", "SP-1,Water,\"\"");

        Assert.Null(Assert.Single(result.ServicePoints).Meter);
    }

    public static TheoryData<string, string> MalformedLines => new()
    {
        { "SP-1,\"Electric", "not closed" },
        { "SP-1,\"Elec\"tric", "after the closing quote" },
        { "SP-1,Elec\"tric", "inside unquoted field 2" },
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public void AMalformedLine_IsReportedWithItsLine(string line, string why)
    {
        var error = OnlyError("servicePointId,commodity", "SP-0,Gas", line);

        Assert.Equal((3, RegistryErrorCodes.MalformedLine), (error.Line, error.Code));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SP-1")]
    [InlineData("SP-1,Electric,extra")]
    [InlineData("SP-1,Electric,")]
    public void ARowWithMoreOrFewerFieldsThanTheHeader_IsReported(string line) =>
        Assert.Equal(RegistryErrorCodes.WrongFieldCount, OnlyError("servicePointId,commodity", line).Code);

    [Theory]
    [InlineData("servicePointId,commodity,colour", RegistryErrorCodes.UnknownColumn, "colour")]
    [InlineData("servicePointId,meterId", RegistryErrorCodes.MissingColumn, "commodity")]
    [InlineData("commodity,meterId", RegistryErrorCodes.MissingColumn, "servicePointId")]
    [InlineData("servicePointId,commodity,SERVICEPOINTID", RegistryErrorCodes.DuplicateColumn, "servicePointId")]
    [InlineData("servicePointId,\"commodity", RegistryErrorCodes.MalformedLine, "")]
    public void AHeaderThatCannotBeRead_IsTheOnlyError(string header, string code, string field)
    {
        // The row is bad as well, but rows are not read under a bad header.
        var error = OnlyError(header, "SP-1,Steam,x");

        Assert.Equal((1, code, field), (error.Line, error.Code, error.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void AnEmptyFile_HasNoRows(string text) =>
        Assert.Equal(RegistryErrorCodes.NoRows, Assert.Single(ServicePointCsv.Parse(new StringReader(text)).Errors).Code);

    [Fact]
    public void AHeaderWithoutRows_HasNoRows() =>
        Assert.Equal(RegistryErrorCodes.NoRows, OnlyError(Header).Code);

    public static TheoryData<string, string, string> BadValues => new()
    {
        { ",Electric,,,,,,,,", "servicePointId", ReasonCodes.MissingField },
        { "SP 1,Electric,,,,,,,,", "servicePointId", ReasonCodes.InvalidId },
        { "SP-1,,,,,,,,,", "commodity", ReasonCodes.MissingField },
        { "SP-1,Steam,,,,,,,,", "commodity", ReasonCodes.InvalidValue },
        { "SP-1,0,,,,,,,,", "commodity", ReasonCodes.InvalidValue },
        { "SP-1,Electric,SM/1,Smart,,,,,,", "meterId", ReasonCodes.InvalidId },
        { "SP-1,Electric,SM-1,,,,,,,", "meterClass", ReasonCodes.MissingField },
        { "SP-1,Electric,SM-1,Digital,,,,,,", "meterClass", ReasonCodes.InvalidValue },
        { "SP-1,Electric,SM-1,Smart,yes,,,,,", "commissioned", ReasonCodes.InvalidValue },
        { "SP-1,Electric,SM-1,Smart,,Open,,,,", "switch", ReasonCodes.InvalidValue },
        { "SP-1,Electric,SM-1,Smart,,,1,,,", "intervalCapable", ReasonCodes.InvalidValue },
        { "SP-1,Electric,SM-1,Smart,,,,head end,,", "headEndId", ReasonCodes.InvalidId },
        { "SP-1,Electric,,,,,,,maybe,", "unmetered", ReasonCodes.InvalidValue },
        { "SP-1,Electric,,,,,,,true,Lit", "itemSwitch", ReasonCodes.InvalidValue },
        { "SP-1,Electric,,Smart,,,,,,", "meterClass", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,,,,Connected,,,,", "switch", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,,,,,,he-1,,", "headEndId", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,,,true,,,,,", "commissioned", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,,,,,true,,,", "intervalCapable", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,AMR-1,Amr,true,,,,,", "commissioned", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,SM-1,Smart,,,,,true,", "unmetered", RegistryErrorCodes.InconsistentRow },
        { "SP-1,Electric,SM-1,Smart,,,,,,Connected", "itemSwitch", RegistryErrorCodes.InconsistentRow },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ABadValue_IsReportedWithItsLineColumnAndCode(string row, string field, string code)
    {
        var error = OnlyError(Header, "SP-0,Gas,,,,,,,,", row);

        Assert.Equal((3, field, code), (error.Line, error.Field, error.Code));
    }

    [Fact]
    public void FalseMeterFlags_WithoutAMeter_AreFine() =>
        Assert.True(Parse(Header, "SP-1,Water,,,false,,false,,false,").IsValid);

    [Fact]
    public void AServicePointGivenTwice_IsReportedOnItsSecondLine()
    {
        var error = OnlyError("servicePointId,commodity", "SP-1,Gas", "SP-2,Gas", "SP-1,Water");

        Assert.Equal((4, RegistryErrorCodes.DuplicateServicePoint), (error.Line, error.Code));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorOfEveryRow_IsReported_WithPhysicalLineNumbers()
    {
        var result = Parse("servicePointId,commodity,meterId,meterClass", "SP-1,Steam,,", "", "SP 3,Electric,M-3,", "SP-4,Gas,,");

        Assert.Equal(
            [(2, "commodity"), (4, "servicePointId"), (4, "meterClass")],
            result.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal(3, result.ErrorCount);
        Assert.Empty(result.ServicePoints);
    }

    [Fact]
    public void AFileOfBadRows_ListsTheFirstErrorsAndCountsAll()
    {
        var rows = Enumerable.Range(1, ServicePointCsv.MaxErrorsListed + 500).Select(i => $"SP-{i},Steam");

        var result = Parse(["servicePointId,commodity", .. rows]);

        Assert.Equal(ServicePointCsv.MaxErrorsListed, result.Errors.Count);
        Assert.Equal(ServicePointCsv.MaxErrorsListed + 500, result.ErrorCount);
    }

    [Fact]
    public void MoreRowsThanAllowed_AreTooMany()
    {
        var result = ServicePointCsv.Parse(new StringReader("servicePointId,commodity\nSP-1,Gas\nSP-2,Gas\nSP-3,Gas\n"), maxRows: 2);

        Assert.True(result.TooManyRows);
        Assert.False(result.IsValid);
        Assert.Empty(result.ServicePoints);
    }

    [Fact]
    public void TheSampleFile_IsValid()
    {
        using var reader = new StreamReader(RepositoryFiles.PathOf("samples", "service-points.csv"));

        var result = ServicePointCsv.Parse(reader);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.True(result.ServicePoints.Count >= 5);
    }
}
