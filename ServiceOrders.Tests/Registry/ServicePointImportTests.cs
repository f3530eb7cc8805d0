using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Security;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.Registry;

/// <summary><c>POST /api/service-points/import</c> over HTTP: a good file lands in the registry, a bad one not at all.</summary>
[Collection(SecuredHostCollection.Name)]
public class ServicePointImportTests(SecuredHostFixture host)
{
    const string Header = "servicePointId,commodity,meterId,meterClass,commissioned,switch,intervalCapable,headEndId,unmetered,itemSwitch";

    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    Task<HttpResponseMessage> ImportAsync(string csv, string contentType = "text/csv") =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), contentType);

    Task<HttpResponseMessage> ImportAsync(byte[] body, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return host.SendAsync(HttpMethod.Post, "api/service-points/import", apiKey: host.ApiKey, content: content);
    }

    async Task<ServicePoint?> GetAsync(string servicePointId)
    {
        using var response = await host.SendAsync(HttpMethod.Get, $"api/service-points/{servicePointId}", apiKey: host.ApiKey);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<ServicePoint>(ServiceOrdersJson.Options);
    }

    [Fact]
    public async Task AGoodFile_IsImported_AndEveryServicePointCanBeRead()
    {
        var (smart, manual, item) = (NewId("SP"), NewId("SP"), NewId("SP"));
        var csv = $"{Header}\n{smart},Electric,SM-{smart[3..]},Smart,true,Connected,true,he-1,false,\n{manual},Gas,M-1,Manual,,,,,,\n{item},Electric,,,,,,,true,Disconnected\n";

        using var response = await ImportAsync(csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new RegistryImported(3), await response.Content.ReadFromJsonAsync<RegistryImported>(ServiceOrdersJson.Options));
        Assert.Equal(new ServicePoint(smart, Commodity.Electric, new Meter($"SM-{smart[3..]}", MeterClass.Smart, true, SwitchState.Connected, true, "he-1")), await GetAsync(smart));
        Assert.Equal(new ServicePoint(manual, Commodity.Gas, new Meter("M-1", MeterClass.Manual, false, SwitchState.Unknown)), await GetAsync(manual));
        Assert.Equal(new ServicePoint(item, Commodity.Electric, null, Unmetered: true, ItemSwitch: SwitchState.Disconnected), await GetAsync(item));
    }

    [Fact]
    public async Task ImportingAgain_ReplacesTheRegisteredState()
    {
        var id = NewId("SP");
        using var first = await ImportAsync($"servicePointId,commodity,meterId,meterClass,switch\n{id},Water,W-1,Amr,Connected\n");
        using var second = await ImportAsync($"servicePointId,commodity,meterId,meterClass,switch\n{id},Water,W-1,Amr,Disconnected\n");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(SwitchState.Disconnected, (await GetAsync(id))!.Meter!.Switch);
    }

    [Fact]
    public async Task AFileWithABadRow_ImportsNothing_AndListsEveryErrorWithItsLine()
    {
        var (good, bad) = (NewId("SP"), NewId("SP"));
        var csv = $"{Header}\n{good},Electric,,,,,,,,\n{bad},Steam,,,,,,,,\n\n{bad}x,Gas,M-2,,,,,,,\n";

        using var response = await ImportAsync(csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("errorCount").GetInt32());
        Assert.Equal(
            [(3, "commodity", "InvalidValue"), (5, "meterClass", "MissingField")],
            problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("code").GetString())));
        Assert.Null(await GetAsync(good));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=latin1")]
    public async Task AnythingButCsvInUtf8_IsRefused(string contentType)
    {
        using var response = await ImportAsync($"servicePointId,commodity\n{NewId("SP")},Gas\n", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task CsvWithUtf8Charset_IsAccepted()
    {
        using var response = await ImportAsync($"servicePointId,commodity\n{NewId("SP")},Gas\n", "text/csv; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BytesThatAreNotUtf8_AreRefused()
    {
        using var response = await ImportAsync([.. "servicePointId,commodity\nSP-1,Gas"u8, 0xFF, (byte)'\n']);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOverTheSizeLimit_IsRefused()
    {
        var row = $"{NewId("SP")},Electric\n";
        var csv = new StringBuilder("servicePointId,commodity\n");
        while (csv.Length <= ServicePointImport.MaxBodyBytes)
        {
            csv.Append(row);
        }

        using var response = await ImportAsync(csv.ToString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AFileOverTheRowLimit_IsRefused()
    {
        var csv = new StringBuilder("servicePointId,commodity\n");
        for (var i = 0; i <= ServicePointCsv.MaxRows; i++)
        {
            csv.Append('S').Append(i).Append(",Gas\n");
        }

        using var response = await ImportAsync(csv.ToString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await GetAsync("S0"));
    }

    [Fact]
    public async Task AnEmptyFile_IsRefused()
    {
        using var response = await ImportAsync("");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
