using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

public sealed record GetWeatherForecastInput(ServicePointId ServicePointId, DateTimeOffset From, TimeSpan Horizon);

/// <summary>Fetches the forecast the disconnect rules look at; null when the provider cannot say.</summary>
public sealed class GetWeatherForecast(IWeatherForecastProvider provider) : IServiceOrderActivity<GetWeatherForecastInput, WeatherForecast?>
{
    public Task<WeatherForecast?> RunAsync(GetWeatherForecastInput input, CancellationToken cancellationToken) =>
        provider.GetAsync(input.ServicePointId, input.From, input.Horizon, cancellationToken);
}
