using Microsoft.AspNetCore.Components;

namespace ServiceOrders.OperatorConsole.Components.Shared;

/// <summary>
/// A page that shows the API's figures and keeps them current: read once when rendered, then every
/// <see cref="Interval"/> while the page is interactive, so a change shows without a reload.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    /// <summary>How often a live page reads again; a change shows within this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);

    readonly CancellationTokenSource stop = new();

    protected CancellationToken Stopping => stop.Token;

    /// <summary>Whether the page runs interactive (the live island), as the end-to-end tests wait for before clicking.</summary>
    protected bool IsLive => RendererInfo.IsInteractive;

    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync(stop.Token);
        if (IsLive)
        {
            _ = KeepCurrentAsync();
        }
    }

    async Task KeepCurrentAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync(stop.Token);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
