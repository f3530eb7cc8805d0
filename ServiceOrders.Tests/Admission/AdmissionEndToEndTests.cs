using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.Admission;

/// <summary>Admission control in the standalone host, on by default: requests by queue wait, start and run; its figures are readable.</summary>
[Collection(StandaloneHostCollection.Name)]
public class AdmissionEndToEndTests(StandaloneHostFixture host)
{
    [Fact]
    public async Task ARequestByQueue_WaitsForAdmission_ThenRunsToTheEnd_AndTheFiguresAreReadable()
    {
        var requestId = NewId("REQ");
        var queue = new QueueClient(TestStorage.ConnectionString, StandaloneHostFixture.IntakeQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(ReadMeterJson(requestId, await host.RegisterSmartMeterAsync()));

        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        var admission = await host.Http.GetFromJsonAsync<AdmissionStatus>("api/admission", ServiceOrdersJson.Options);
        Assert.NotNull(admission);
        Assert.True(admission.Enabled);
        Assert.Equal(200, admission.MaxOrdersInProgress);
        Assert.Equal(Enum.GetValues<AdmissionPriority>(), admission.ByPriority.Select(p => p.Priority));
        Assert.Equal(admission.Waiting, admission.ByPriority.Sum(p => p.Count));
        Assert.InRange(admission.InProgress, 0, admission.MaxOrdersInProgress);
    }

    [Fact]
    public async Task TheAdmissionFigures_AreForReaders()
    {
        var reader = host.Person("reader", ConsoleRoles.Reader);
        var nobody = host.Person("nobody");

        var answer = await reader.GetAsync("api/admission");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // Priorities by name, as every other enumeration of the API.
        Assert.Contains("\"priority\":\"Restore\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("api/admission")).StatusCode);
        Assert.Equal(ConsoleRoles.Reader, RouteRoles.ByName["GetAdmission"]);
    }
}
