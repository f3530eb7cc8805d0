using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ServiceOrders.Tests.EndToEnd.OperatorWork;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>
/// A supervisor's pages in headless Chromium against the real standalone host: a bulk cancel that a second person
/// approves, and a batch of cuts watched live with the calendar of the cuts still to come.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class ConsoleOperationsEndToEndTests(StandaloneHostFixture host, ConsoleInBrowserFixture console) : IClassFixture<ConsoleInBrowserFixture>
{
    static readonly TimeSpan Patience = ConsoleInBrowserFixture.Patience;

    static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    async Task<(ConsolePages Pages, IBrowserContext Context)> SignInAsync(string person)
    {
        var (pages, context) = await console.OpenAsync(host);
        await pages.SignInAsync(person, console.Password);
        return (pages, context);
    }

    /// <summary>
    /// The start of a batch: the next whole second, waited for, so that a filter from it selects only the orders this
    /// test makes (the tests of this host run one after another).
    /// </summary>
    static async Task<DateTimeOffset> BatchStartsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        await Task.Delay(start - now + TimeSpan.FromMilliseconds(20));
        return start;
    }

    /// <summary>
    /// As a datetime-local field holds it: the browser drops ":00" seconds from its value, and Playwright refuses a fill
    /// whose value reads back otherwise, so whole minutes are written without seconds.
    /// </summary>
    static string InChicago(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Chicago);
        return local.ToString(local.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ABulkCancelOverTheThreshold_IsPreviewed_ThenRunsOnlyOnceASecondPersonApproves()
    {
        var from = await BatchStartsAsync();
        string[] orders = [await NewExceptionAsync(host), await NewExceptionAsync(host), await NewExceptionAsync(host)];
        var (dana, danaContext) = await SignInAsync(ConsoleInBrowserFixture.Operator);
        await using var _ = danaContext;

        // The operator selects by filter: every cut waiting for a person because of life support, received since the batch.
        await dana.OpenLiveAsync("bulk-actions");
        var page = dana.Page;
        await page.GetByLabel("Cancel", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Exception");
        await page.GetByLabel("Request type").SelectOptionAsync(nameof(RequestType.CutForNonPayment));
        await page.GetByLabel("Exception reason").FillAsync(DisconnectReasons.LifeSupport);
        await page.GetByLabel("Received from (America/Chicago)").FillAsync(InChicago(from));
        await page.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Customer or CIS request" });
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Accounts settled at the counter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.GetByTestId("preview");
        await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(orders.Length);
        Assert.Equal(orders.Order(), (await preview.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.order)")).Order());
        await Expect(preview.Locator("tbody tr").First).ToContainTextAsync("cancelled;");
        await Expect(page.GetByTestId("needs-approval")).ToContainTextAsync("Needs a second person");
        Assert.Empty(await dana.AccessibilityViolationsAsync());
        await dana.ScreenshotAsync("bulk-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Confirm: cancel {orders.Length} order(s)" }).ClickAsync();

        // The same person cannot approve: nothing runs until someone else does.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bulk-actions/bulk_[0-9a-f]{32}$"));
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("bulk-state")).ToHaveTextAsync("Awaiting approval");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeDisabledAsync();
        await Expect(page.GetByTestId("why-not")).ToHaveTextAsync("You proposed it: a second person, an Approver, must approve it.");
        Assert.Empty(await dana.AccessibilityViolationsAsync());
        await dana.ScreenshotAsync("bulk-awaiting-approval");
        var bulkPath = new Uri(page.Url).AbsolutePath;
        Assert.Equal(OrderPhase.Exception, (await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orders[0]}", ServiceOrdersJson.Options))!.Phase);

        // A second person, an Approver, approves it in their own browser.
        var (sam, samContext) = await SignInAsync(ConsoleInBrowserFixture.Approver);
        await using var __ = samContext;
        await sam.OpenLiveAsync(bulkPath);
        await sam.Page.GetByLabel("Note for the decision").FillAsync("Checked with billing");
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(sam.Page.GetByTestId("bulk-outcome")).ToContainTextAsync("Approved: it runs now.");

        // The proposer's page follows it live to the end: every order cancelled.
        await Expect(page.GetByTestId("bulk-state")).ToHaveTextAsync("Completed", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Expect(page.GetByTestId("progress-text")).ToHaveTextAsync($"{orders.Length} of {orders.Length} done: {orders.Length} applied, 0 refused.");
        foreach (var orderId in orders)
        {
            await Expect(page.Locator($".bulk-results tr[data-order='{orderId}'] td").Last).ToHaveTextAsync("Cancelled");
        }

        await Expect(page.GetByTestId("decided-by")).ToContainTextAsync($"{ConsoleInBrowserFixture.Approver}, ");
        await dana.ScreenshotAsync("bulk-completed");
        foreach (var orderId in orders)
        {
            Assert.Equal(OrderOutcome.Cancelled, (await EndedAsync(host, orderId)).Outcome);
            var entry = Assert.Single(await AuditAsync(host, orderId));
            Assert.Equal((ConsoleInBrowserFixture.Operator, "Cancel", AuditReasons.CustomerRequest), (entry.Actor, entry.Action, entry.Reason));
        }
    }

    [Fact]
    public async Task ABatchOfCuts_IsWatchedLive_AndTheCutsStillToComeShowOnTheirDay()
    {
        var since = await BatchStartsAsync();
        // Three cuts go out now: inside the disconnect window they are carried out, outside it a rule defers them.
        string[] sent = [await SendCutAsync(null), await SendCutAsync(null), await SendCutAsync(null)];
        var settled = new List<OrderView>();
        foreach (var orderId in sent)
        {
            settled.Add(await Eventually.GetAsync(
                async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options) is { } view
                    && (view.Outcome is not null || view.Phase == OrderPhase.WaitingForWindow) ? view : null,
                $"{orderId} carried out or deferred"));
        }

        var completed = settled.Count(v => v.Outcome == OrderOutcome.Completed);
        var deferredTo = settled.Where(v => v.Outcome is null && v.WaitingUntil is not null).Select(v => v.WaitingUntil!.Value).FirstOrDefault();
        // Three more wait for the day the CIS asked for: the day the deferred ones go out, or three days on.
        var day = deferredTo != default
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(deferredTo, Chicago).DateTime)
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, Chicago).DateTime).AddDays(3);
        var nine = day.ToDateTime(new TimeOnly(9, 0));
        string[] later = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendCutAsync(new DateTimeOffset(nine, Chicago.GetUtcOffset(nine)))))];
        foreach (var orderId in later)
        {
            await Eventually.GetAsync(
                async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options) is { Phase: OrderPhase.WaitingForServiceDate } view ? view : null,
                $"{orderId} waiting for its day");
        }

        var (pages, context) = await SignInAsync(ConsoleInBrowserFixture.Reader);
        await using var _ = context;
        await pages.OpenLiveAsync($"mass-disconnects?since={Uri.EscapeDataString(InChicago(since))}&month={day:yyyy-MM}");

        // The batch is every cut received since it began, on a storage account that tests of other hosts share: at least
        // this test's six, and others' cuts of the same minutes may join them.
        await Expect(pages.Page.GetByTestId("batch-received")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        var received = int.Parse((await pages.Page.GetByTestId("batch-received").TextContentAsync())!, CultureInfo.InvariantCulture);
        Assert.True(received >= sent.Length + later.Length, $"{received} cuts received in the batch");
        var done = int.Parse((await pages.Page.GetByTestId("batch-completed").TextContentAsync())!, CultureInfo.InvariantCulture);
        Assert.True(done >= completed && done <= received, $"{done} of {received} cuts completed in the batch, {completed} of them this test's");
        if (completed > 0)
        {
            await Expect(pages.Page.GetByTestId("rates").Locator("rect")).Not.ToHaveCountAsync(0);
        }

        var cell = pages.Page.Locator($"td[data-date='{day:yyyy-MM-dd}']");
        await Expect(cell.Locator(".day-cuts li.cut-scheduled")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Scheduled by the CIS: [0-9]+ scheduled$"));
        if (completed < sent.Length)
        {
            await Expect(cell.Locator(".day-cuts li.cut-deferred").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(": [0-9]+ deferred$"));
        }

        var total = int.Parse((await cell.Locator(".day-total").TextContentAsync())!, CultureInfo.InvariantCulture);
        Assert.True(total >= later.Length + sent.Length - completed, $"{total} cuts on {day}");
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("mass-disconnects");

        foreach (var orderId in later.Concat(settled.Where(v => v.Outcome is null).Select(v => v.OrderId)))
        {
            (await host.Http.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        }
    }

    async Task<string> SendCutAsync(DateTimeOffset? on)
    {
        var servicePointId = await host.RegisterSmartMeterAsync();
        var orderId = NewId("MDC");
        (await host.Http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(orderId, RequestType.CutForNonPayment, servicePointId, Commodity.Electric, RequestedDate: on),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        return orderId;
    }
}
