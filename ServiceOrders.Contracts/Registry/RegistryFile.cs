namespace ServiceOrders.Contracts.Registry;

/// <summary>
/// The registry file that <c>POST /api/service-points/import</c> takes: CSV with a header row, one service point a
/// row, all or nothing.
/// </summary>
public static class RegistryFile
{
    /// <summary>The media type of the file.</summary>
    public const string ContentType = "text/csv";

    /// <summary>Files above this size are refused before they are read; split a larger registry.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Rows above this number are refused.</summary>
    public const int MaxRows = 100_000;

    /// <summary>The header names, in the order the sample file and the README give them; only the first two are required.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["servicePointId", "commodity", "meterId", "meterClass", "commissioned", "switch", "intervalCapable", "headEndId", "unmetered", "itemSwitch", "lifeSupport"];
}

/// <summary>The answer to an import (200): how many service points were written.</summary>
/// <param name="Imported">Service points written.</param>
public sealed record RegistryImported(int Imported);
