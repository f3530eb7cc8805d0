using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Simulators;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>
/// The scenarios in the browser: a crew's work recorded done on its behalf until the order completes, a
/// reader's forged action refused by the server, an exception taken on, an order's page following it live.
/// </summary>
public partial class ConsoleEndToEndTests
{
    /// <summary>
    /// A meter read by a crew whose dispatch the test answers for the crew (its key is in the simulated crews' ledger,
    /// so they leave it alone). Returns once the crew has it; the order then waits for the crew's report.
    /// </summary>
    async Task<(string OrderId, string ActivityId)> ReadingByACrewWeAnswerForAsync()
    {
        var servicePointId = $"SP-{Guid.NewGuid():N}"[..24];
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, Commodity.Electric, new Meter($"M-{Guid.NewGuid():N}"[..20], MeterClass.Manual, false, SwitchState.Connected)),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        var orderId = NewId("CRW");
        var activityId = $"{orderId}.1";
        Assert.True(host.Services.GetRequiredService<SimulatorLedger>().TryBegin($"dispatch:{activityId}"));
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(orderId, RequestType.ReadMeter, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            async () => await OrderAsync(orderId) is { CurrentActivityId: { } current } view && current == activityId ? view : null,
            $"{orderId} waiting for its crew");
        return (orderId, activityId);
    }

    Task<OrderView?> OrderAsync(string orderId) => host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options);

    Task ReportForTheCrewAsync(string activityId, FieldCompletion completion) =>
        host.Http.PostAsJsonAsync($"api/field-activities/{activityId}/completion", completion, ServiceOrdersJson.Options)
            .ContinueWith(t => t.Result.EnsureSuccessStatusCode(), TaskScheduler.Default);

    [Fact]
    public async Task AnOperatorRecordsACrewsWorkDoneOnItsBehalf_AndTheOrderCompletes_WithTheOperatorInItsAudit()
    {
        var (orderId, activityId) = await ReadingByACrewWeAnswerForAsync();
        await ReportForTheCrewAsync(activityId, new FieldCompletion(CompletionCode.NotDone, "Crew 4", DateTimeOffset.UtcNow, Remarks: "Gate locked, nobody home"));
        await Eventually.GetAsync(async () => await OrderAsync(orderId) is { Phase: OrderPhase.Exception } stuck ? stuck : null, "the crew's not done to wait for a person");
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;

        await pages.SignInAsync(ConsoleInBrowserFixture.Operator, console.Password);
        await pages.OpenExceptionsAsync();
        await Expect(pages.ExceptionRow(orderId)).ToContainTextAsync(ReasonCodes.FieldWorkNotDone);
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = $"Resolve order {orderId}" }).ClickAsync();
        await pages.Page.GetByLabel("Record done:").CheckAsync();
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await pages.FillRecordDoneAsync(orderId, "Crew 4", ("1.8.0", "4711.5", "kWh"), "Crew confirmed the work", "Crew read it on the second visit and phoned it in");
        await pages.ScreenshotAsync("exception-record-done-form");
        await pages.SendAsync();
        await Expect(pages.Outcome).ToContainTextAsync($"RecordDone sent for order {orderId}");
        await pages.ScreenshotAsync("exception-recorded-done");

        await pages.OpenOrderAsync(orderId);
        await Expect(pages.Standing).ToHaveTextAsync("Completed");
        await Expect(pages.Audit).ToContainTextAsync(ConsoleInBrowserFixture.Operator);
        await Expect(pages.Audit).ToContainTextAsync("RecordDone");
        await Expect(pages.Audit).ToContainTextAsync("Crew confirmed the work");
        await Expect(pages.Page.GetByRole(AriaRole.Cell, new() { Name = "4711.5 kWh" })).ToBeVisibleAsync();
        // The trace viewer is set up: the page links the order's trace, found by its order id.
        await Expect(pages.Page.GetByTestId("trace-link")).ToHaveAttributeAsync("href",
            $"{ConsoleInBrowserFixture.TraceViewer}traces?filters=serviceorders.order_id%3Aequals%3A{orderId}");
        await pages.ScreenshotAsync("order-completed-after-record-done");

        var order = await OrderAsync(orderId);
        Assert.Equal(OrderOutcome.Completed, order!.Outcome);
        Assert.Equal([4711.5m], order.Readings!.Select(r => r.Value));
        var entry = Assert.Single(await OperatorWork.AuditAsync(host, orderId));
        Assert.Equal((ConsoleInBrowserFixture.Operator, "RecordDone", AuditReasons.CrewConfirmed), (entry.Actor, entry.Action, entry.Reason));
    }

    [Fact]
    public async Task AReadersForgedAction_IsRefusedByTheServer_AndTheOrderIsUnchanged()
    {
        var orderId = await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);
        await pages.OpenExceptionsAsync();
        var resolve = pages.Page.GetByRole(AriaRole.Button, new() { Name = $"Resolve order {orderId}" });
        await Expect(resolve).ToBeDisabledAsync();

        // The reader forces the hidden way: the button enabled again in the page, and the action sent.
        await resolve.EvaluateAsync("button => button.removeAttribute('disabled')");
        await resolve.ClickAsync();
        await pages.Page.GetByLabel("Cancel the order").CheckAsync();
        await pages.Page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Customer or CIS request" });
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(pages.Outcome.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your role does not allow this: it needs the Operator role.");
        await pages.ScreenshotAsync("reader-forged-action-refused");
        var order = await OrderAsync(orderId);
        Assert.Equal((OrderPhase.Exception, (OrderOutcome?)null), (order!.Phase, order.Outcome));
        Assert.Empty(await OperatorWork.AuditAsync(host, orderId));

        // The same request straight to the API with the console's key, as the reader: refused, naming the role.
        var direct = await host.Person(ConsoleInBrowserFixture.Reader, ConsoleRoles.Reader).PostAsJsonAsync($"api/orders/{orderId}/actions",
            new OperatorAction(OperatorActionKind.Cancel, ConsoleInBrowserFixture.Reader, "forged", Reason: AuditReasons.CustomerRequest), ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        var problem = await direct.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Role required", ConsoleRoles.Operator), (problem.GetProperty("title").GetString(), problem.GetProperty("requiredRole").GetString()));
        Assert.Equal(OrderPhase.Exception, (await OrderAsync(orderId))!.Phase);
    }

    [Fact]
    public async Task AnOperatorTakesAnExceptionOn_TheListAndTheAuditNameThem()
    {
        var orderId = await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Operator, console.Password);
        await pages.OpenExceptionsAsync();

        await pages.AssignToMeAsync(orderId);

        await Expect(pages.Outcome).ToContainTextAsync($"Order {orderId} is assigned to you.");
        await Expect(pages.ExceptionRow(orderId)).ToContainTextAsync(ConsoleInBrowserFixture.Operator);
        await Expect(pages.Page.GetByRole(AriaRole.Button, new() { Name = $"Assign to me: order {orderId}" })).ToBeDisabledAsync();
        await pages.ScreenshotAsync("exception-assigned");
        await pages.OpenOrderAsync(orderId);
        await Expect(pages.Audit).ToContainTextAsync($"Assign {ConsoleInBrowserFixture.Operator}");
        await Expect(pages.Audit).ToContainTextAsync("Taking it over");
        await pages.ScreenshotAsync("order-assigned-audit");

        var listed = (await host.Http.GetFromJsonAsync<OrderException[]>("api/exceptions", ServiceOrdersJson.Options))!.Single(e => e.OrderId == orderId && e.ActivityId is null);
        Assert.Equal(ConsoleInBrowserFixture.Operator, listed.Assignee);
    }

    [Fact]
    public async Task ARunningOrdersPage_FollowsItLive_AsTheCrewReportsDone()
    {
        var (orderId, activityId) = await ReadingByACrewWeAnswerForAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);
        await pages.OpenOrderAsync(orderId);
        await Expect(pages.Standing).ToHaveTextAsync("Open");
        await Expect(pages.WhyItWaits).ToContainTextAsync($"Waiting for the crew to field read ({activityId})");
        await pages.ScreenshotAsync("order-live-waiting-for-crew");
        // A mark in the page: a reload would lose it.
        await pages.Page.EvaluateAsync("() => window.sameDocument = true");

        await ReportForTheCrewAsync(activityId, new FieldCompletion(CompletionCode.Completed, "Crew 9", DateTimeOffset.UtcNow,
            Readings: [new Reading("1.8.0", 1234m, "kWh", DateTimeOffset.UtcNow)]));

        await Expect(pages.Standing).ToHaveTextAsync("Completed");
        await Expect(pages.Page.GetByRole(AriaRole.Cell, new() { Name = "1234 kWh" })).ToBeVisibleAsync();
        Assert.True(await pages.Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await pages.ScreenshotAsync("order-live-completed");
    }
}
