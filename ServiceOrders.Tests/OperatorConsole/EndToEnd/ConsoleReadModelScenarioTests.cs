using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.DevHost.Bench;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Ports;
using static Microsoft.Playwright.Assertions;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>The order list and the overview in the browser, read from the read model the host keeps.</summary>
public partial class ConsoleEndToEndTests
{
    const int ManyOrders = 10_000;

    /// <summary>A week long ago, so that the many orders stay out of every other test's day.</summary>
    static readonly DateTimeOffset LongAgo = new(2024, 3, 15, 12, 0, 0, TimeSpan.Zero);

    static readonly SemaphoreSlim Seeding = new(1, 1);
    static IReadOnlyList<OrderIndexEntry>? seeded;

    /// <summary>
    /// Ten thousand ended orders in the host's order list, received in the week before <see cref="LongAgo"/>, written
    /// straight through the read model's table adapter (the way the read model bench fills it). Once per run.
    /// </summary>
    async Task<IReadOnlyList<OrderIndexEntry>> TenThousandOrdersAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (seeded is null)
            {
                var entries = Enumerable.Range(0, ManyOrders).Select(i => ReadModelLoad.Entry(i, ManyOrders, LongAgo) is var entry
                    ? entry with
                    {
                        OrderId = $"TENK-{i:D5}",
                        ServicePointId = $"SP-TENK-{i % 1000:D4}",
                        // Ended, so that the overview's open orders and exceptions stay those of the running orders.
                        Status = entry.Status is OrderStatus.Open or OrderStatus.Exception ? OrderStatus.Completed : entry.Status,
                        ReasonCode = entry.Status == OrderStatus.Failed ? entry.ReasonCode : null,
                        WaitingFor = null,
                        WaitingUntil = null,
                    }
                    : entry).ToList();
                var index = host.Services.GetRequiredService<IOrderIndex>();
                await Assert.IsAssignableFrom<ServiceOrders.Adapters.Storage.TableOrderIndex>(index).LoadAsync(entries, CancellationToken.None);
                seeded = entries;
            }

            return seeded;
        }
        finally
        {
            Seeding.Release();
        }
    }

    [Fact]
    public async Task TenThousandOrders_ArePagedAndFiltered_AndEachViewIsAnAddress()
    {
        var orders = await TenThousandOrdersAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);
        var page = pages.Page;
        var rows = page.Locator(".orders-grid tbody tr");
        var firstLinks = page.Locator(".orders-grid tbody tr td:first-child a");

        // The week of the many orders, completed ones: the first page, then the next.
        await page.GotoAsync(new Uri(console.Url, "orders?from=2024-03-01&to=2024-03-31").ToString());
        await page.GetByLabel("Status").SelectOptionAsync("Completed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=Completed(&|$)"));
        await Expect(rows).ToHaveCountAsync(50);
        var first = await firstLinks.AllTextContentsAsync();
        Assert.All(first, id => Assert.StartsWith("TENK-", id, StringComparison.Ordinal));
        await pages.ScreenshotAsync("orders-ten-thousand-first-page");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]pageToken="));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(50);
        var second = await firstLinks.AllTextContentsAsync();
        Assert.Empty(first.Intersect(second));
        // Newest first: the second page goes on where the first ended.
        var expected = orders.Where(o => o.Status == OrderStatus.Completed).OrderByDescending(o => o.ReceivedAt).Select(o => o.OrderId).ToList();
        Assert.Equal(expected.Take(100), first.Concat(second));
        await pages.ScreenshotAsync("orders-ten-thousand-second-page");

        // Narrowed to one request type's failures: the view is the address, and opening the address again shows it.
        await page.GetByLabel("Status").SelectOptionAsync("Failed");
        await page.GetByLabel("Request type").SelectOptionAsync(nameof(RequestType.ReadMeter));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]requestType=ReadMeter(&|$)"));
        var failedReads = orders.Count(o => o.Status == OrderStatus.Failed && o.RequestType == RequestType.ReadMeter);
        await Expect(rows).ToHaveCountAsync(failedReads);
        var view = page.Url;
        Assert.Contains("status=Failed", view, StringComparison.Ordinal);
        Assert.Contains("from=2024-03-01", view, StringComparison.Ordinal);
        Assert.DoesNotContain("pageToken", view, StringComparison.Ordinal);
        await page.GotoAsync("about:blank");
        await page.GotoAsync(view);
        await Expect(rows).ToHaveCountAsync(failedReads);
        await Expect(page.GetByLabel("Request type")).ToHaveValueAsync(nameof(RequestType.ReadMeter));
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row).ToContainTextAsync("ReadMeter");
            await Expect(row).ToContainTextAsync("Failed");
        }

        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("orders-ten-thousand-filtered");
    }

    [Fact]
    public async Task TheOverview_ShowsTheRealFigures_OpenOrders_ExceptionAges_AndPartnerHealth()
    {
        var exceptionId = await CutForACustomerOnLifeSupportAsync();
        // A remote read, so that the head-end has answered within the hour.
        var readId = NewId("OVR");
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(readId, RequestType.ReadMeter, await host.RegisterSmartMeterAsync(), Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await OperatorWork.EndedAsync(host, readId);
        var overview = await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OperationsOverview>("api/overview", ServiceOrdersJson.Options) is { } o
                && o.HeadEnds.Any(h => h.Name == Meter.DefaultHeadEnd && h.SuccessRate is not null) && o.Open.Any(c => c.RequestType == RequestType.CutForNonPayment && c.Status == OrderStatus.Exception) ? o : null,
            "the overview to count the exception and the head-end's answers");
        // The head-end the read went through (other tests' head-ends may have sent commands still unanswered).
        var headEnd = overview.HeadEnds.First(h => h.Name == Meter.DefaultHeadEnd);
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);

        await pages.OpenLiveAsync("");

        var page = pages.Page;
        await Expect(page.Locator(".band.age-ok .band-count")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        var cuts = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = nameof(RequestType.CutForNonPayment), Exact = true }) });
        await Expect(cuts.Locator("td").Nth(1)).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        var partner = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = headEnd.Name, Exact = true }) });
        await Expect(partner.Locator("td").Nth(0)).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await Expect(partner.Locator("td").Nth(3)).ToHaveTextAsync(new Regex("^[0-9]+%$"));
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("overview-real-figures");
        Assert.NotNull(exceptionId);
    }
}
