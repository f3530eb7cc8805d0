using System.Globalization;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.CommandLine;

/// <summary>Conversions of option values that several verbs share; a bad value is a usage error.</summary>
internal static class OptionValues
{
    /// <summary>The host's base address: an absolute http(s) URL without query or fragment.</summary>
    public static Uri HttpBaseAddress(string option, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new UsageException($"{option} must be an http or https URL such as http://127.0.0.1:7071, not '{Printable.Clip(value, 60)}'");
        }

        return uri;
    }

    public static TimeSpan Seconds(string option, string? value, int defaultSeconds, int maxSeconds)
    {
        if (value is null)
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > maxSeconds)
        {
            throw new UsageException($"{option} must be a whole number of seconds from 1 to {maxSeconds}, not '{Printable.Clip(value, 20)}'");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int Count(string option, string? value, int defaultValue, int min, int max)
    {
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < min || count > max)
        {
            throw new UsageException($"{option} must be a whole number from {min} to {max}, not '{Printable.Clip(value, 20)}'");
        }

        return count;
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, with a decimal point if need be.</summary>
    public static double Number(string option, string? value, double defaultValue, double min, double max)
    {
        if (value is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{option} must be a number from {min} to {max}, not '{Printable.Clip(value, 20)}'"));
        }

        return number;
    }
}
