using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.CommandLine;

/// <summary>
/// The kinds of option the verbs take, each with its checks: a value out of range or of the wrong form is a parse
/// error with one clear line, so that the verb never starts with it.
/// </summary>
internal static class CliOptions
{
    /// <summary>Where the key comes from when --api-key is not given; ./run.sh sets it to the key of the host it started.</summary>
    public const string ApiKeyVariable = "SERVICEORDERS_API_KEY";

    /// <summary>--api: the host's base address, an absolute http(s) URL without query or fragment.</summary>
    public static Option<Uri> Api(bool required, string description = "base address of the host, e.g. http://127.0.0.1:7071") =>
        LastWins(new Option<Uri>("--api")
        {
            Description = description,
            HelpName = "URL",
            Required = required,
            CustomParser = result =>
            {
                var value = Single(result);
                if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
                {
                    return uri;
                }

                result.AddError($"--api must be an http or https URL such as http://127.0.0.1:7071, not '{Printable.Clip(value, 60)}'");
                return null;
            },
        });

    /// <summary>--api-key: printable ASCII without spaces, since it goes into a header; see <see cref="ApiKeyFrom"/>.</summary>
    public static Option<string> ApiKey(string description = $"the host's API key (default: ${ApiKeyVariable}; none if unset)")
    {
        var option = LastWins(new Option<string>("--api-key") { Description = description, HelpName = "KEY", CustomParser = Single });
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } key && !IsHeaderSafe(key))
            {
                result.AddError("--api-key must be printable ASCII without spaces");
            }
        });
        return option;
    }

    /// <summary>The key from --api-key, else from the environment; null when neither gives one.</summary>
    public static string? ApiKeyFrom(ParseResult parse, Option<string> option)
    {
        if (parse.GetValue(option) is { Length: > 0 } given)
        {
            return given;
        }

        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        // A pasted line break or space in the variable is a usage error, not a 400 from the host.
        return IsHeaderSafe(key) ? key : throw new UsageException($"{ApiKeyVariable} must be printable ASCII without spaces");
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; with <paramref name="separators"/>, 2,000 and 2_000 read as 2000.</summary>
    public static Option<int> Count(string name, string valueName, string description, int defaultValue, int min, int max, bool separators = false) =>
        LastWins(new Option<int>(name)
        {
            Description = description,
            HelpName = valueName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseWhole(result, name, min, max, separators, $"a whole number from {Invariant(min)} to {Invariant(max)}") ?? default,
        });

    /// <summary>Like <see cref="Count"/> but without a default: null when not given.</summary>
    public static Option<int?> OptionalCount(string name, string valueName, string description, int min, int max) =>
        LastWins(new Option<int?>(name)
        {
            Description = description,
            HelpName = valueName,
            CustomParser = result => ParseWhole(result, name, min, max, separators: false, $"a whole number from {Invariant(min)} to {Invariant(max)}"),
        });

    /// <summary>Whole seconds from 1 to <paramref name="maxSeconds"/>.</summary>
    public static Option<int> Seconds(string name, string description, int defaultSeconds, int maxSeconds) =>
        LastWins(new Option<int>(name)
        {
            Description = description,
            HelpName = "SECONDS",
            DefaultValueFactory = _ => defaultSeconds,
            CustomParser = result => ParseWhole(result, name, 1, maxSeconds, separators: false, $"a whole number of seconds from 1 to {Invariant(maxSeconds)}") ?? default,
        });

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, with a decimal point if need be.</summary>
    public static Option<double> Number(string name, string valueName, string description, double defaultValue, double min, double max) =>
        LastWins(new Option<double>(name)
        {
            Description = description,
            HelpName = valueName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var value = Single(result);
                if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
                {
                    return number;
                }

                result.AddError($"{name} must be a number from {Invariant(min)} to {Invariant(max)}, not '{Printable.Clip(value, 20)}'");
                return default;
            },
        });

    /// <summary>One of <paramref name="choices"/>; the first is the default unless <paramref name="required"/>.</summary>
    public static Option<string> Choice(string name, string description, bool required, params string[] choices)
    {
        var option = LastWins(new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            Required = required,
            CustomParser = result =>
            {
                var value = Single(result);
                if (choices.Contains(value, StringComparer.Ordinal))
                {
                    return value;
                }

                result.AddError($"{name} must be {Alternatives(choices)}, not '{Printable.Clip(value, 20)}'");
                return null;
            },
        });
        if (!required)
        {
            option.DefaultValueFactory = _ => choices[0];
        }

        return option;
    }

    /// <summary>A path or other text; <paramref name="required"/> makes leaving it out a parse error.</summary>
    public static Option<string> Text(string name, string valueName, string description, bool required = false) =>
        LastWins(new Option<string>(name) { Description = description, HelpName = valueName, Required = required, CustomParser = Single });

    /// <summary>
    /// An option given twice takes the later value, so that a script can put defaults first and pass the caller's
    /// options after them (./run.sh liveness does). Each occurrence still takes exactly one value.
    /// </summary>
    public static T LastWins<T>(T option)
        where T : Option
    {
        option.Arity = ArgumentArity.OneOrMore;
        return option;
    }

    /// <summary>
    /// For a verb's own checks across options: the value given for <paramref name="option"/>, or
    /// <paramref name="fallback"/> when it was left out (a validator does not see defaults) or did not parse (its
    /// own error says why).
    /// </summary>
    public static T ValueIn<T>(CommandResult result, Option<T> option, T fallback)
    {
        if (result.GetResult(option) is not { } given)
        {
            return fallback;
        }

        try
        {
            return given.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return fallback;
        }
    }

    static int? ParseWhole(ArgumentResult result, string name, int min, int max, bool separators, string expected)
    {
        var value = Single(result);
        var digits = separators ? value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) : value;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        result.AddError($"{name} must be {expected}, not '{Printable.Clip(value, 20)}'");
        return null;
    }

    /// <summary>The option's value; an option that takes one value has exactly one token by the time its parser runs.</summary>
    static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    static bool IsHeaderSafe(string key) => !key.Any(c => c is <= ' ' or > '~');

    static string Alternatives(string[] choices) =>
        choices.Length == 1 ? choices[0] : $"{string.Join(", ", choices[..^1])} or {choices[^1]}";

    static string Invariant(double number) => number.ToString("0.###", CultureInfo.InvariantCulture);

    static string Invariant(int number) => number.ToString(CultureInfo.InvariantCulture);
}
