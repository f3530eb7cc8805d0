
namespace ServiceOrders.Contracts.Registry;

/// <summary>Something wrong on one line of a registry file: one entry of the <c>errors</c> of a refused import.</summary>
/// <param name="Line">The line, counting the header as line 1.</param>
/// <param name="Field">The column's header name (for a header error, the header text concerned).</param>
/// <param name="Code">What is wrong: one of <see cref="RegistryErrorCodes"/>, or <c>MissingField</c>, <c>InvalidValue</c>, <c>InvalidId</c>.</param>
/// <param name="Message">Why, for people; its wording may change.</param>
public sealed record RegistryRowError(int Line, string Field, string Code, string Message);

/// <summary>The codes of <see cref="RegistryRowError"/>, besides the request codes MissingField, InvalidValue and InvalidId.</summary>
public static class RegistryErrorCodes
{
    /// <summary>The file is empty, or has a header and no rows.</summary>
    public const string NoRows = "NoRows";

    /// <summary>A header column the import does not know.</summary>
    public const string UnknownColumn = "UnknownColumn";

    /// <summary>A required column (<c>servicePointId</c>, <c>commodity</c>) is not in the header.</summary>
    public const string MissingColumn = "MissingColumn";

    /// <summary>A column named twice in the header.</summary>
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
