using System.Text;
using Microsoft.Playwright;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>The registry and subscribers pages as an administrator uses them.</summary>
public sealed class RegistryPages(ConsolePages console)
{
    IPage Page => console.Page;

    public async Task LookUpAsync(string servicePointId)
    {
        await console.OpenLiveAsync("service-points");
        await Page.GetByLabel("Service point id").FillAsync(servicePointId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
    }

    public ILocator Meter => Page.GetByTestId("meter");

    public ILocator OrderLink(string orderId) => Page.GetByTestId("service-point-orders").GetByRole(AriaRole.Link, new() { Name = orderId, Exact = true });

    public async Task ImportAsync(string fileName, string csv)
    {
        await Page.Locator("#registry-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
    }

    public ILocator ImportOutcome => Page.GetByTestId("import-outcome");

    public ILocator ImportErrors => Page.GetByTestId("import-errors");

    public Task OpenSubscribersAsync() => console.OpenLiveAsync("subscriptions");

    /// <summary>Subscribes <paramref name="url"/> to one event type and returns the signing secret the page shows once.</summary>
    public async Task<string> SubscribeAsync(string url, string eventType, string description)
    {
        await Page.GetByLabel("URL events are POSTed to (https)").FillAsync(url);
        await Page.GetByLabel(eventType, new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Description (optional)").FillAsync(description);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        var secret = Page.GetByTestId("secret").Locator("code");
        await secret.WaitForAsync();
        return (await secret.TextContentAsync())!.Trim();
    }

    public async Task OpenDeliveriesAsync(string url)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Deliveries to {url}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = $"Deliveries to {url}" }).WaitForAsync();
    }

    /// <summary>The tries of one event, as the delivery history lists them.</summary>
    public ILocator TriesOf(string eventId) => Page.Locator($"[data-testid=deliveries] tr[data-event='{eventId}']");

    public async Task RedeliverAsync(string eventId, string note)
    {
        await Page.GetByLabel("Why send again (kept in the audit; optional)").FillAsync(note);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Redeliver event {eventId}" }).ClickAsync();
    }

    public async Task DeleteSubscriptionAsync(string url)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete the subscription of {url}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
    }
}
