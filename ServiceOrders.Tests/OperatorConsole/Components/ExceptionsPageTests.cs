using System.Net;
using System.Text.Json;
using Bunit;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Components.Exceptions;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class ExceptionsPageTests : ConsoleComponentTest
{
    static OrderException Waiting(string orderId, TimeSpan age, ActivityKind? stuck = ActivityKind.RemoteDisconnect) =>
        new(orderId, "SP-1", RequestType.CutForNonPayment, "CommandFailed", "Meter did not respond", stuck, Now - age);

    [Fact]
    public void OrdersAreListedOldestFirst_EachColouredAndLabelledByItsAge()
    {
        Product.Answer("GET", "/api/exceptions", new[]
        {
            Waiting("R-NEW", TimeSpan.FromMinutes(20)),
            Waiting("R-OLD", TimeSpan.FromHours(30)),
            Waiting("R-MID", TimeSpan.FromHours(2)),
        });

        var page = Render<ExceptionsPage>();

        var ages = page.FindAll(".age");
        Assert.Equal(["R-OLD", "R-MID", "R-NEW"], page.FindAll("a[id^=order-]").Select(a => a.TextContent));
        Assert.Equal(["age age-breach", "age age-watch", "age age-ok"], ages.Select(a => a.ClassName));
        Assert.Equal(["over 24 h", "1–4 h", "under 1 h"], ages.Select(a => a.GetAttribute("title")));
        Assert.Equal("1 d 6 h", ages[0].TextContent);
    }

    [Fact]
    public void AnOperatorsResolution_IsSentAsThatPerson_WithTheReasonAndNote()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2)) })
            .Answer("POST", "/api/orders/R-1/actions", new { orderId = "R-1" }, HttpStatusCode.Accepted);
        var page = Render<ExceptionsPage>();

        page.Find("[data-testid=resolve]").Click();
        page.Find("#reason").Change(AuditReasons.HeadEndConfirmed);
        page.Find("#note").Change("Meter answered after the outage");
        page.Find("form").Submit();

        var (request, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("dana", request.Headers.GetValues(ConsoleRoles.ActorHeader).Single());
        Assert.Equal("Reader,Operator", request.Headers.GetValues(ConsoleRoles.RolesHeader).Single());
        var action = JsonSerializer.Deserialize<OperatorAction>(body!, ServiceOrdersJson.Options)!;
        Assert.Equal(new OperatorAction(OperatorActionKind.Retry, "dana", "Meter answered after the outage", null, AuditReasons.HeadEndConfirmed), action);
        Assert.Contains("Retry sent for order R-1", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordDone_SendsTheCrewsCompletionAsEntered_InTheConsolesTimeZone()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2), ActivityKind.FieldRead) })
            .Answer("POST", "/api/orders/R-1/actions", new { orderId = "R-1" }, HttpStatusCode.Accepted);
        var page = Render<ExceptionsPage>();

        page.Find("[data-testid=resolve]").Click();
        page.Find("input[type=radio][value=RecordDone]").Change("RecordDone");
        page.Find("#crew").Change("Crew 12");
        page.Find("#done-at").Change("2026-03-10T08:30");
        page.Find("#switch-left").Change("Connected");
        page.Find("#register").Change("1.8.0");
        page.Find("#reading-value").Change("4711.5");
        page.Find("#unit").Change("kWh");
        page.Find("#reason").Change(AuditReasons.CrewConfirmed);
        page.Find("#note").Change("Crew phoned it in");
        page.Find("form").Submit();

        var (_, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        var action = JsonSerializer.Deserialize<OperatorAction>(body!, ServiceOrdersJson.Options)!;
        Assert.Equal((OperatorActionKind.RecordDone, "dana", AuditReasons.CrewConfirmed), (action.Action, action.Operator, action.Reason));
        var completion = action.Completion!;
        // 08:30 in Chicago on 10 March 2026 is daylight time, UTC-5.
        var doneAt = new DateTimeOffset(2026, 3, 10, 8, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal((CompletionCode.Completed, "Crew 12", doneAt, Contracts.ServicePoints.SwitchState.Connected, "Crew phoned it in"),
            (completion.Code, completion.Crew, completion.CompletedAt, completion.Switch, completion.Remarks));
        Assert.Equal(new Contracts.ServicePoints.Reading("1.8.0", 4711.5m, "kWh", doneAt), Assert.Single(completion.Readings!));
    }

    [Fact]
    public void RecordDone_WithoutACrewOrWithHalfAReading_IsNotSent_AndSaysWhatIsMissing()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2), ActivityKind.FieldRead) });
        var page = Render<ExceptionsPage>();

        page.Find("[data-testid=resolve]").Click();
        page.Find("input[type=radio][value=RecordDone]").Change("RecordDone");
        page.Find("#reading-value").Change("12");
        page.Find("#reason").Change(AuditReasons.CrewConfirmed);
        page.Find("form").Submit();

        Assert.DoesNotContain(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        var said = page.Find("[data-testid=completion] [role=alert]").TextContent;
        Assert.Contains("Name the crew that did the work", said, StringComparison.Ordinal);
        Assert.Contains("A reading needs its register, value and unit", said, StringComparison.Ordinal);
    }

    [Fact]
    public void AResolutionWithoutAReason_IsNotSent()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2)) });
        var page = Render<ExceptionsPage>();

        page.Find("[data-testid=resolve]").Click();
        page.Find("form").Submit();

        Assert.DoesNotContain(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Contains("Choose a reason.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusalForTheRole_IsShownInWords()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2)) })
            .Problem("POST", "/api/orders/R-1/actions", HttpStatusCode.Forbidden, "Role required", requiredRole: ConsoleRoles.Operator);
        var page = Render<ExceptionsPage>();

        page.Find("[data-testid=resolve]").Click();
        page.Find("#reason").Change(AuditReasons.TransientFaultCleared);
        page.Find("form").Submit();

        Assert.Equal("Your role does not allow this: it needs the Operator role.", page.Find("[data-testid=outcome] [data-testid=problem]").TextContent.Trim());
    }

    [Fact]
    public void AssignToMe_WhereTheApiHasNoAssignment_SaysItIsNotAvailable()
    {
        Product.Answer("GET", "/api/exceptions", new[] { Waiting("R-1", TimeSpan.FromHours(2)) });
        var page = Render<ExceptionsPage>();

        page.Find("button[aria-label='Assign to me: order R-1']").Click();

        Assert.Equal("Assigning an order is not available from the API yet.", page.Find("[data-testid=outcome] [data-testid=problem]").TextContent.Trim());
    }
}

public class ExceptionsPageForAReaderTests() : ConsoleComponentTest("rita", Contracts.Api.ConsoleRoles.Reader)
{
    [Fact]
    public void AReader_SeesTheListWithItsActionsDisabled()
    {
        Product.Answer("GET", "/api/exceptions", new[]
        {
            new OrderException("R-1", "SP-1", RequestType.CutForNonPayment, "LifeSupport", "Customer on life support", null, Now.AddHours(-1)),
        });

        var page = Render<ExceptionsPage>();

        Assert.All(page.FindAll("button.secondary"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Contains("Your role reads only", page.Markup, StringComparison.Ordinal);
    }
}
