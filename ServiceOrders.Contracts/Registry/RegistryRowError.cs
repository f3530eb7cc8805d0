
namespace ServiceOrders.Contracts.Registry;

/// <summary>Something wrong on one line of a registry file: the line (the header is line 1), the column, a stable code and why.</summary>
public sealed record RegistryRowError(int Line, string Field, string Code, string Message);

/// <summary>The codes of <see cref="RegistryRowError"/>, besides the request codes MissingField, InvalidValue and InvalidId.</summary>
public static class RegistryErrorCodes
{
    /// <summary>The file is empty, or has a header and no rows.</summary>
    public const string NoRows = "NoRows";

    /// <summary>A header column the import does not know, or a required one missing, or one given twice.</summary>
    public const string UnknownColumn = "UnknownColumn";
    public const string MissingColumn = "MissingColumn";
    public const string DuplicateColumn = "DuplicateColumn";

    /// <summary>A quote that is not closed on its line, text after a closing quote, or a quote inside an unquoted field.</summary>
    public const string MalformedLine = "MalformedLine";

    /// <summary>A row with more or fewer fields than the header.</summary>
    public const string WrongFieldCount = "WrongFieldCount";

    /// <summary>Values that contradict each other, e.g. meter fields without a meter id, or an unmetered item with a meter.</summary>
    public const string InconsistentRow = "InconsistentRow";

    /// <summary>A service point id given on an earlier line of the same file.</summary>
    public const string DuplicateServicePoint = "DuplicateServicePoint";
}
