using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace ServiceOrders.AppHost;

/// <summary>
/// The API key the host accepts: <c>SERVICEORDERS_API_KEY</c> when it is set (<c>./run.sh</c> sets it), otherwise the key
/// kept beside the data it guards, made on first use and readable by the owner only, as <c>./run.sh host</c> keeps it.
/// </summary>
public static class LocalApiKey
{
    public const string Variable = "SERVICEORDERS_API_KEY";

    /// <summary>The operator console's development password: <c>SERVICEORDERS_CONSOLE_PASSWORD</c> (<c>./run.sh</c> sets it), or kept as the key is.</summary>
    public const string ConsolePasswordVariable = "SERVICEORDERS_CONSOLE_PASSWORD";

    /// <summary>The operator console's delegating key: <c>SERVICEORDERS_CONSOLE_KEY</c> (<c>./run.sh</c> sets it), or kept as the key is.</summary>
    public const string ConsoleKeyVariable = "SERVICEORDERS_CONSOLE_KEY";

    public static string Read(IConfiguration configuration, string file, string variable = Variable)
    {
        if (configuration[variable] is { Length: > 0 } given)
        {
            return given;
        }

        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } kept)
        {
            return kept;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var made = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(file, options);
        writer.WriteLine(made);
        return made;
    }
}
