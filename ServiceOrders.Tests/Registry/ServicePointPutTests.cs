using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServiceOrders.Tests.Security;

namespace ServiceOrders.Tests.Registry;

/// <summary>
/// <c>PUT /api/service-points/{id}</c> keeps the registry's rules as the registry file does: what an import refuses,
/// a PUT refuses too, with the same code and message, as problem details listing the errors.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public class ServicePointPutTests(SecuredHostFixture host)
{
    const string Header = "servicePointId,commodity,meterId,meterClass,commissioned,switch,intervalCapable,headEndId,unmetered,itemSwitch";

    static string NewId() => $"SP-{Guid.NewGuid():N}"[..24];

    async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await host.SendAsync(method, path, apiKey: host.ApiKey, content: content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static (string Field, string Code, string Message)[] Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!, e.GetProperty("message").GetString()!))];

    /// <summary>The same service point as a registry row (the id comes first) and as a PUT body; the field of the PUT error.</summary>
    public static TheoryData<string, string, string> RefusedByBoth => new()
    {
        { "Electric,AMR-1,Amr,true,Connected,,,false,", """{"commodity":"Electric","meter":{"meterId":"AMR-1","class":"Amr","commissioned":true,"switch":"Connected"}}""", "meter.commissioned" },
        { "Electric,SM-1,Smart,,Connected,,,true,", """{"commodity":"Electric","meter":{"meterId":"SM-1","class":"Smart","commissioned":false,"switch":"Connected"},"unmetered":true}""", "unmetered" },
        { "Electric,,,,,,,false,Connected", """{"commodity":"Electric","meter":null,"unmetered":false,"itemSwitch":"Connected"}""", "itemSwitch" },
        { "Electric,SM 1,Smart,,Connected,,,,", """{"commodity":"Electric","meter":{"meterId":"SM 1","class":"Smart","commissioned":false,"switch":"Connected"}}""", "meter.meterId" },
        { "Electric,SM-1,Smart,,Connected,,he.east,,", """{"commodity":"Electric","meter":{"meterId":"SM-1","class":"Smart","commissioned":false,"switch":"Connected","headEndId":"he.east"}}""", "meter.headEndId" },
    };

    [Theory]
    [MemberData(nameof(RefusedByBoth))]
    public async Task APutIsRefused_WhereTheImportRefusesTheSameServicePoint_WithTheSameCodeAndMessage(string row, string body, string field)
    {
        var id = NewId();

        var (importStatus, importProblem) = await SendAsync(HttpMethod.Post, "api/service-points/import", $"{Header}\n{id},{row}\n", "text/csv");
        var (putStatus, putProblem) = await SendAsync(HttpMethod.Put, $"api/service-points/{id}", $$"""{"servicePointId":"{{id}}",{{body[1..]}}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, importStatus);
        Assert.Equal(HttpStatusCode.BadRequest, putStatus);
        Assert.Equal("Invalid request", putProblem.GetProperty("title").GetString());
        var imported = Assert.Single(importProblem.GetProperty("errors").EnumerateArray());
        var put = Assert.Single(Errors(putProblem));
        Assert.Equal((field, imported.GetProperty("code").GetString(), imported.GetProperty("message").GetString()), put);
        using var read = await host.SendAsync(HttpMethod.Get, $"api/service-points/{id}", apiKey: host.ApiKey);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task APutWithSeveralBrokenRules_ListsThemAll()
    {
        var id = NewId();
        var body = $$"""{"servicePointId":"{{id}}","commodity":"Gas","meter":{"meterId":"M-1","class":"Manual","commissioned":true,"switch":"Unknown"},"unmetered":true}""";

        var (status, problem) = await SendAsync(HttpMethod.Put, $"api/service-points/{id}", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["meter.commissioned", "unmetered"], Errors(problem).Select(e => e.Field));
    }

    [Fact]
    public async Task AConsistentServicePoint_IsStillAccepted()
    {
        var id = NewId();
        var body = $$$"""{"servicePointId":"{{{id}}}","commodity":"Electric","meter":{"meterId":"SM-1","class":"Smart","commissioned":true,"switch":"Connected","headEndId":"he-1"}}""";

        var (status, _) = await SendAsync(HttpMethod.Put, $"api/service-points/{id}", body, "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
