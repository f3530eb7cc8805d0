namespace ServiceOrders.Domain.Rules;

/// <summary>A temperature forecast at a service point's location, as the forecast provider gives it.</summary>
public sealed record WeatherForecast(IReadOnlyList<ForecastPoint> Points);

/// <summary>The forecast temperature at one instant.</summary>
public sealed record ForecastPoint(DateTimeOffset At, decimal TemperatureF);
