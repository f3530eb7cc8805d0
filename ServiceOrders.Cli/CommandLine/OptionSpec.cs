namespace ServiceOrders.Cli.CommandLine;

/// <summary>An option that takes a value: <c>--name value</c> or <c>--name=value</c>.</summary>
internal sealed record OptionSpec(string Name, string ValueName, string Description, bool Required = false);
