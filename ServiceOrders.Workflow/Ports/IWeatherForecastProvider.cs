using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Rules;

namespace ServiceOrders.Workflow.Ports;

/// <summary>Temperature forecasts for the disconnect rules.</summary>
public interface IWeatherForecastProvider
{
    /// <summary>The forecast for the service point's location from <paramref name="from"/> on; null when the provider cannot say.</summary>
    Task<WeatherForecast?> GetAsync(ServicePointId servicePointId, DateTimeOffset from, TimeSpan horizon, CancellationToken cancellationToken);
}
