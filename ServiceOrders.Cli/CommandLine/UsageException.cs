namespace ServiceOrders.Cli.CommandLine;

/// <summary>The command line cannot be used as given; the message says why in one line.</summary>
internal sealed class UsageException(string message) : Exception(message);
