using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ServiceOrders.Cli.Bench;

/// <summary>The machine a run was measured on, with its load when the run started (others' work skews the figures).</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime, double? LoadAverage1m)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        Math.Round(MemTotalKiB() / 1024.0 / 1024.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverage());

    static long MemTotalKiB()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : ProcStatus.KiB(line);
    }

    static double? LoadAverage()
    {
        var text = ReadLines("/proc/loadavg").FirstOrDefault();
        return text is not null && double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    /// <summary>The commit the code was built from, with "+changes" when the work tree differs from it.</summary>
    public static string GitCommit()
    {
        var head = Git("rev-parse --short=12 HEAD");
        if (head is null)
        {
            return "unknown";
        }

        return string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no")) ? head : head + "+changes";
    }

    static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>Memory of another process from <c>/proc/{pid}/status</c>: resident now (VmRSS) and at its peak (VmHWM).</summary>
internal static class ProcStatus
{
    public static (double RssMiB, double PeakMiB)? Memory(int pid)
    {
        try
        {
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = KiB(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = KiB(line);
                }
            }

            return (rss / 1024.0, peak / 1024.0);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU time (user and system) the process has used so far, from <c>/proc/{pid}/stat</c>; null when unreadable.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            const double TicksPerSecond = 100; // USER_HZ on Linux
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The number in a line such as <c>VmHWM:   123456 kB</c>.</summary>
    public static long KiB(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
    }
}
