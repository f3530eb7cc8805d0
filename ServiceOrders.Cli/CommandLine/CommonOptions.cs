namespace ServiceOrders.Cli.CommandLine;

/// <summary>Options every verb that calls the host takes, read the same way by each.</summary>
internal static class CommonOptions
{
    public const string Api = "--api";
    public const string ApiKey = "--api-key";

    /// <summary>Where the key comes from when --api-key is not given; ./run.sh sets it to the key of the host it started.</summary>
    public const string ApiKeyVariable = "SERVICEORDERS_API_KEY";

    public static OptionSpec ApiSpec { get; } = new(Api, "URL", "base address of the host, e.g. http://127.0.0.1:7071", Required: true);

    public static OptionSpec ApiKeySpec { get; } = new(ApiKey, "KEY", $"the host's API key (default: ${ApiKeyVariable}; none if unset)");

    /// <summary>The key from --api-key, else from the environment; null when neither gives one.</summary>
    public static string? ApiKeyFrom(ParsedOptions options)
    {
        var key = options.Get(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        // It goes into a header: printable ASCII only, so a pasted line break or space is a usage error, not a 400.
        if (key.Any(c => c is <= ' ' or > '~'))
        {
            var source = options.Get(ApiKey) is null ? ApiKeyVariable : ApiKey;
            throw new UsageException($"{source} must be printable ASCII without spaces");
        }

        return key;
    }
}
