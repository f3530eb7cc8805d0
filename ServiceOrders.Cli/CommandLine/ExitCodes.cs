namespace ServiceOrders.Cli.CommandLine;

/// <summary>What the CLI's exit code tells a script that runs it.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The verb ran but not everything went as expected, or the host could not be used.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong; nothing was sent to the host.</summary>
    public const int Usage = 2;

    /// <summary>Stopped with Ctrl-C, as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
