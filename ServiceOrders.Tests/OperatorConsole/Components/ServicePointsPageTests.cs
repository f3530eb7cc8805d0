using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.OperatorConsole.Components.Registry;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class ServicePointsPageTests() : ConsoleComponentTest("ada", ConsoleRoles.Reader, ConsoleRoles.Admin)
{
    const string BadFile = "servicePointId,commodity,meterId,meterClass\nSP-1,Electric,M-1,Smart\nSP-2,Steam,M-2,Smart\n";

    IRenderedComponent<ServicePointsPage> Open(string? servicePointId = null)
    {
        if (servicePointId is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo($"/service-points?id={servicePointId}");
        }

        return Render<ServicePointsPage>();
    }

    [Fact]
    public void AServicePointLookedUp_ShowsItsMeter_AndItsOrders_EachLinkedToItsPage()
    {
        Product.Answer("GET", "/api/service-points/SP-1",
                new ServicePoint("SP-1", Commodity.Electric, new Meter("M-77", MeterClass.Smart, true, SwitchState.Connected, HeadEndId: "HES-1")))
            .Answer("GET", "/api/orders?servicePointId=SP-1", new OrderPage(
            [
                new OrderIndexEntry("R-2", "SP-1", RequestType.CutForNonPayment, OrderStatus.Exception, "LifeSupport", Now.AddHours(-1), Now),
                new OrderIndexEntry("R-1", "SP-1", RequestType.ReadMeter, OrderStatus.Completed, null, Now.AddDays(-1), Now.AddDays(-1)),
            ], null));

        var page = Open("SP-1");

        Assert.Equal("M-77, Smart, commissioned", page.Find("[data-testid=meter]").TextContent.Trim());
        Assert.Contains("HES-1", page.Find("[data-testid=service-point]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["/orders/R-2", "/orders/R-1"], page.FindAll("[data-testid=service-point-orders] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("2026-03-10 09:00:00", page.FindAll("[data-testid=service-point-orders] time")[0].TextContent);
    }

    [Fact]
    public void AnOrderListAsTheOlderApiAnswersIt_IsShownAsWell()
    {
        Product.Answer("GET", "/api/service-points/SP-1", new ServicePoint("SP-1", Commodity.Water, null))
            .Answer("GET", "/api/orders?servicePointId=SP-1", new[]
            {
                new OrderIndexEntry("R-1", "SP-1", RequestType.ReadMeter, OrderStatus.Open, null, Now, Now),
            });

        var page = Open("SP-1");

        Assert.Equal("None installed", page.Find("[data-testid=meter]").TextContent.Trim());
        Assert.Equal("R-1", page.Find("[data-testid=service-point-orders] a").TextContent);
    }

    [Fact]
    public void AServicePointNotRegistered_IsSaidInTheApisWords()
    {
        Product.Problem("GET", "/api/service-points/SP-9", HttpStatusCode.NotFound, "Service point not found", "Service point SP-9 is not registered.");

        var page = Open("SP-9");

        Assert.Equal("Service point SP-9 is not registered.", page.Find("[data-testid=problem]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=service-point]"));
    }

    [Fact]
    public void AFileWithABadRow_IsRefused_AndEachErrorIsShownOnItsLine_AsTheApiReportsIt()
    {
        Product.Answer("POST", "/api/service-points/import", new
        {
            type = "about:blank",
            title = "Invalid registry file",
            status = 400,
            detail = "The file has 1 errors; nothing was imported.",
            errorCount = 1,
            errors = new[] { new RegistryRowError(3, "commodity", "InvalidValue", "commodity 'Steam' is not one of Electric, Gas, Water.") },
        }, HttpStatusCode.BadRequest);
        var page = Open();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(BadFile, "registry.csv", contentType: "text/csv"));
        page.Find(".import form").Submit();

        var (request, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("text/csv", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(BadFile, body);
        Assert.Equal("ada", request.Headers.GetValues(ConsoleRoles.ActorHeader).Single());
        var cells = page.FindAll("[data-testid=import-errors] tbody td").Select(c => c.TextContent).ToList();
        Assert.Equal(["3", "commodity", "InvalidValue", "commodity 'Steam' is not one of Electric, Gas, Water."], cells);
        Assert.Contains("registry.csv was not imported: 1 error(s)", page.Find("[data-testid=import-outcome]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AGoodFile_IsImported_AndWhatWasImportedIsListed()
    {
        const string file = "\uFEFFcommodity,servicePointId\nElectric,SP-1\nGas,\"SP-2\"\n";
        Product.Answer("POST", "/api/service-points/import", new RegistryImported(2));
        var page = Open();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(file), "points.csv", contentType: "text/csv"));
        page.Find(".import form").Submit();

        Assert.Contains("2 service point(s) imported from points.csv.", page.Find("[data-testid=import-outcome] .done").TextContent, StringComparison.Ordinal);
        Assert.Equal(["/service-points?id=SP-1", "/service-points?id=SP-2"], page.FindAll(".imported a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void AnImportRefusedForTheRole_IsShownInWords()
    {
        Product.Problem("POST", "/api/service-points/import", HttpStatusCode.Forbidden, "Role required", requiredRole: ConsoleRoles.Admin);
        var page = Open();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(BadFile, "registry.csv"));
        page.Find(".import form").Submit();

        Assert.Equal("Your role does not allow this: it needs the Admin role.", page.Find("[data-testid=import-outcome] [data-testid=problem]").TextContent.Trim());
    }
}

public class ServicePointsPageForAReaderTests() : ConsoleComponentTest("rita", ConsoleRoles.Reader)
{
    [Fact]
    public void AReader_LooksUpServicePoints_ButIsNotOfferedTheImport()
    {
        var page = Render<ServicePointsPage>();

        Assert.Empty(page.FindComponents<InputFile>());
        Assert.Contains("importing needs the Admin role", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("#service-point-id"));
    }
}
