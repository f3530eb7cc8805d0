using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>The console as a person uses it, so that a test reads as what the operator does.</summary>
public sealed class ConsolePages(IPage page, Uri console)
{
    public IPage Page => page;

    public async Task SignInAsync(string person, string password)
    {
        await page.GotoAsync(new Uri(console, "signin").ToString());
        await page.GetByLabel("Person").SelectOptionAsync(person);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("signed-in").WaitForAsync();
    }

    /// <summary>Opens a page and waits for its live island: a prerendered page ignores clicks until then.</summary>
    public async Task OpenLiveAsync(string path)
    {
        await page.GotoAsync(new Uri(console, path.TrimStart('/')).ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    public Task OpenExceptionsAsync() => OpenLiveAsync("exceptions");

    public Task OpenOrderAsync(string orderId) => OpenLiveAsync($"orders/{Uri.EscapeDataString(orderId)}");

    /// <summary>Resolves an order from the exceptions list with an action, a reason and a note.</summary>
    public async Task ResolveAsync(string orderId, string action, string reasonText, string note)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Resolve order {orderId}" }).ClickAsync();
        await page.GetByLabel(action).CheckAsync();
        await page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = reasonText });
        await page.GetByLabel("Note").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    /// <summary>Fills in Record done for the stuck work: the crew's completion entered on its behalf, a reason and a note; not sent yet.</summary>
    public async Task FillRecordDoneAsync(string orderId, string crew, (string Register, string Value, string Unit) reading, string reasonText, string note)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Resolve order {orderId}" }).ClickAsync();
        await page.GetByLabel("Record done:").CheckAsync();
        await page.GetByLabel("Crew").FillAsync(crew);
        await page.GetByLabel("Reading register").FillAsync(reading.Register);
        await page.GetByLabel("Reading value").FillAsync(reading.Value);
        await page.GetByLabel("Reading unit").FillAsync(reading.Unit);
        await page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = reasonText });
        await page.GetByLabel("Note").FillAsync(note);
    }

    public Task SendAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

    public async Task AssignToMeAsync(string orderId) =>
        await page.GetByRole(AriaRole.Button, new() { Name = $"Assign to me: order {orderId}" }).ClickAsync();

    /// <summary>The exceptions list's row of an order.</summary>
    public ILocator ExceptionRow(string orderId) => page.Locator($"tr.row-{orderId}");

    public ILocator Audit => page.GetByTestId("audit");

    public ILocator Outcome => page.GetByTestId("outcome");

    public ILocator Standing => page.GetByTestId("standing");

    public ILocator WhyItWaits => page.GetByTestId("why");

    /// <summary>What axe finds against WCAG 2.2 A and AA (contrast, labels, names) on the page as it is, each with where.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return [.. results.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")];
    }

    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ConsoleInBrowserFixture.ScreenshotPath(name), FullPage = true });
}
