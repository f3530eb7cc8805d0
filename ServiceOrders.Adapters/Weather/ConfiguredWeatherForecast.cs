using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Weather;

/// <summary>Settings of the configured forecast (section <c>Weather</c>).</summary>
public sealed class WeatherOptions
{
    public const string SectionName = "Weather";

    /// <summary>The temperature forecast for every service point.</summary>
    [Range(-80, 140)]
    public decimal TemperatureF { get; set; } = 60;

    /// <summary>Service points whose id starts with this prefix get <see cref="ExtremeTemperatureF"/> instead: a cold snap to test the weather rule.</summary>
    public string? ExtremePrefix { get; set; }

    [Range(-80, 140)]
    public decimal ExtremeTemperatureF { get; set; } = 20;
}

/// <summary>
/// A forecast from configuration: the stand-in for a weather service where none is connected. An hourly forecast
/// over the horizon with the configured temperature.
/// </summary>
public sealed class ConfiguredWeatherForecast(IOptions<WeatherOptions> options) : IWeatherForecastProvider
{
    public Task<WeatherForecast?> GetAsync(ServicePointId servicePointId, DateTimeOffset from, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var temperature = settings.ExtremePrefix is { Length: > 0 } prefix && servicePointId.Value.StartsWith(prefix, StringComparison.Ordinal)
            ? settings.ExtremeTemperatureF
            : settings.TemperatureF;
        var hours = (int)Math.Ceiling(horizon.TotalHours);
        var points = Enumerable.Range(0, hours + 1).Select(h => new ForecastPoint(from.AddHours(h), temperature)).ToArray();
        return Task.FromResult<WeatherForecast?>(new WeatherForecast(points));
    }
}
