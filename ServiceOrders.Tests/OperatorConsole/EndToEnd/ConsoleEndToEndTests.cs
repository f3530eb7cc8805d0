using System.Net.Http.Json;
using Microsoft.Playwright;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>The operator console in headless Chromium, against the real standalone host on Azurite.</summary>
[Collection(StandaloneHostCollection.Name)]
public partial class ConsoleEndToEndTests(StandaloneHostFixture host, ConsoleInBrowserFixture console) : IClassFixture<ConsoleInBrowserFixture>
{
    static readonly TimeSpan Patience = ConsoleInBrowserFixture.Patience;

    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    Task<(ConsolePages Pages, IBrowserContext Context)> OpenBrowserAsync(int width = 1280, int height = 800)
        => console.OpenAsync(host, width, height);

    /// <summary>A cut for a customer on life support: the disconnect rules send it straight to a person.</summary>
    async Task<string> CutForACustomerOnLifeSupportAsync()
    {
        var servicePointId = await host.RegisterSmartMeterAsync();
        var orderId = NewId("CON");
        (await host.Http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(orderId, RequestType.CutForNonPayment, servicePointId, Commodity.Electric) { Account = new AccountFlags(LifeSupport: true) },
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options) is { Phase: OrderPhase.Exception } stuck ? stuck : null,
            "the cut to wait for a person");
        return orderId;
    }

    [Fact]
    public async Task AnOperatorResolvesAnExceptionFromTheBrowser_WithAReason_AndTheOrderEnds()
    {
        var orderId = await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;

        await pages.SignInAsync(ConsoleInBrowserFixture.Operator, console.Password);
        await pages.OpenExceptionsAsync();
        await Expect(pages.Page.Locator($"#order-{orderId}")).ToBeVisibleAsync();
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ResolveAsync(orderId, "Cancel the order", "Safety or access", "Medical certificate on file");

        await Expect(pages.Outcome).ToContainTextAsync($"Cancel sent for order {orderId}");
        await pages.ScreenshotAsync("exception-resolved");
        await pages.OpenOrderAsync(orderId);
        // The order page follows the order live: it shows the end without a reload.
        await Expect(pages.Standing).ToHaveTextAsync("Cancelled", new() { Timeout = (float)Patience.TotalMilliseconds });
        await pages.Page.GetByText("Every step as a list").ClickAsync();
        await Expect(pages.Page.GetByRole(AriaRole.Cell, new() { Name = $"Cancel by {ConsoleInBrowserFixture.Operator}: Medical certificate on file", Exact = true })).ToBeVisibleAsync();
        await pages.ScreenshotAsync("order-after-resolution");

        var order = await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options);
        Assert.Equal(OrderOutcome.Cancelled, order!.Outcome);
        Assert.Contains(order.Timeline, e => e.Event == TimelineEvent.OperatorAction && e.Detail == "Cancel by dana: Medical certificate on file");
    }

    [Fact]
    public async Task AnOrderWaitingForAPerson_SaysWhyOnItsPage_AtTabletWidth()
    {
        var orderId = await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync(width: 800, height: 1100);
        await using var _ = context;

        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);
        await pages.OpenOrderAsync(orderId);

        await Expect(pages.Standing).ToHaveTextAsync("Exception");
        await Expect(pages.WhyItWaits).ToContainTextAsync("Waiting for a person since");
        await Expect(pages.WhyItWaits).ToContainTextAsync("America/Chicago: LifeSupport");
        await Expect(pages.Page.GetByTestId("timeline")).ToBeVisibleAsync();
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("order-waiting-tablet");
    }

    [Fact]
    public async Task TheOrderList_KeepsItsFiltersInTheAddress()
    {
        var orderId = await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);

        await pages.Page.GotoAsync(new Uri(console.Url, "orders").ToString());
        await pages.Page.GetByLabel("Status").SelectOptionAsync("Exception");
        await pages.Page.GetByLabel("Order or request id").FillAsync(orderId);
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(pages.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=Exception(&|$)"));
        Assert.Contains($"q={orderId}", pages.Page.Url, StringComparison.Ordinal);
        await Expect(pages.Page.GetByRole(AriaRole.Link, new() { Name = orderId })).ToBeVisibleAsync();
        await pages.ScreenshotAsync("orders-filtered");
    }

    [Fact]
    public async Task TheOverview_CountsTheOrdersWaitingForAPerson()
    {
        await CutForACustomerOnLifeSupportAsync();
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);

        await pages.OpenLiveAsync("");

        await Expect(pages.Page.GetByTestId("exception-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await pages.ScreenshotAsync("overview");
    }

    [Fact]
    public async Task TheSkipLink_ShowsWhenFocused_AndTakesTheKeyboardToTheContent()
    {
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;
        await pages.SignInAsync(ConsoleInBrowserFixture.Reader, console.Password);
        await pages.Page.GotoAsync(new Uri(console.Url, "orders").ToString());
        var skip = pages.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });

        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await pages.ScreenshotAsync("skip-link");
        await pages.Page.Keyboard.PressAsync("Enter");
        await pages.Page.Keyboard.PressAsync("Tab");

        await Expect(pages.Page.GetByLabel("Order or request id")).ToBeFocusedAsync();
        Assert.Empty(await pages.AccessibilityViolationsAsync());
    }

    [Fact]
    public async Task NobodyGetsInWithoutSigningIn()
    {
        var (pages, context) = await OpenBrowserAsync();
        await using var _ = context;

        await pages.Page.GotoAsync(new Uri(console.Url, "exceptions").ToString());
        await Expect(pages.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?ReturnUrl="));
        await pages.Page.GetByLabel("Password").FillAsync("not the password");
        await pages.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(pages.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That person and password do not match.");
        await pages.ScreenshotAsync("sign-in-refused");
    }
}
