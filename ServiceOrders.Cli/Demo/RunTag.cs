using System.Globalization;
using System.Security.Cryptography;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// Makes a run's ids unique, so the demo can run again and again against a host that keeps its data: request ids
/// never make a second order, and a service point left by an earlier run would change the path.
/// </summary>
internal static class RunTag
{
    /// <summary>UTC time to the second (readable, sortable) plus 4 random hex digits for runs within the same second.</summary>
    public static string New(TimeProvider time) =>
        time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(4, lowercase: true);
}
