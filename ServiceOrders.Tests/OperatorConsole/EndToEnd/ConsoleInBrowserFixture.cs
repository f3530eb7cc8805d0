using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using ServiceOrders.OperatorConsole;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Security;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>
/// The operator console served on a free loopback port against the end-to-end tests' standalone host, and Debian's
/// Chromium driven by Playwright (nothing is downloaded: the browser is the one installed, at
/// <c>SERVICEORDERS_CHROMIUM</c> or <c>/usr/bin/chromium</c>). One browser for the class; each test has its own context.
/// </summary>
public sealed class ConsoleInBrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "SERVICEORDERS_CHROMIUM";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The development sign-in's people: an operator, a reader, an approver and an administrator.</summary>
    public const string Operator = "dana";
    public const string Reader = "rita";
    public const string Approver = "sam";

    /// <summary>The registry's and the subscriptions' administrator.</summary>
    public const string Admin = "ada";

    public string Password { get; } = TestCredentials.NewApiKey();

    /// <summary>The trace viewer the console links each order's trace to (nothing listens there in the tests).</summary>
    public const string TraceViewer = "http://127.0.0.1:18888/";

    readonly SemaphoreSlim starting = new(1, 1);
    WebApplication? console;
    IPlaywright? playwright;
    IBrowser? browser;

    public Uri Url { get; private set; } = default!;

    /// <summary>How long a console test waits for a page to show what it expects.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A new browser context (its own sign-in) on the console against <paramref name="host"/>, waiting <see cref="Patience"/> by default.</summary>
    public async Task<(ConsolePages Pages, IBrowserContext Context)> OpenAsync(StandaloneHostFixture host, int width = 1280, int height = 800)
    {
        var started = await StartAsync(host);
        var context = await started.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        return (new ConsolePages(await context.NewPageAsync(), Url), context);
    }

    /// <summary>Starts the console against <paramref name="host"/> and the browser, once; skips the test when no Chromium is installed.</summary>
    public async Task<IBrowser> StartAsync(StandaloneHostFixture host)
    {
        Assert.SkipUnless(File.Exists(ChromiumPath),
            $"No Chromium at {ChromiumPath}: install Debian's chromium package (./test.sh does as root) or set {ChromiumVariable}.");
        await starting.WaitAsync();
        try
        {
            if (browser is not null)
            {
                return browser;
            }

            console = ConsoleHost.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Console:ApiBaseUrl={host.Http.BaseAddress}",
                // A delegating key, as in production: the host acts for the person signed in, with that person's roles.
                $"--Console:ApiKey={host.DelegatingKey}",
                $"--Console:TraceUrlTemplate={TraceViewer}traces?filters=serviceorders.order_id%3Aequals%3A{{orderId}}",
                $"--Console:DevelopmentPassword={Password}",
                $"--Console:DevelopmentUsers={Operator}:Reader,Operator;{Reader}:Reader;{Approver}:Reader,Approver;{Admin}:Reader,Admin",
                "--Console:TimeZone=America/Chicago",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await console.StartAsync();
            Url = new Uri(console.Urls.First() + "/");

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
            return browser;
        }
        finally
        {
            starting.Release();
        }
    }

    public async ValueTask InitializeAsync() => await Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (console is not null)
        {
            await console.StopAsync();
            await console.DisposeAsync();
        }

        starting.Dispose();
    }

    /// <summary>Where a test's screenshot goes: artifacts/console/ in the repository.</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = RepositoryFiles.PathOf("artifacts", "console");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }
}
