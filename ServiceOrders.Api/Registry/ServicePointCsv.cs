using System.Text;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Api.Registry;

/// <summary>What a registry file holds: the service points of its rows, or what is wrong with it.</summary>
/// <param name="ServicePoints">One per row, in file order; meaningful only when there are no errors.</param>
/// <param name="Errors">The first <see cref="ServicePointCsv.MaxErrorsListed"/> errors, in line order.</param>
/// <param name="ErrorCount">All errors, also those not listed.</param>
/// <param name="TooManyRows">The file has more rows than allowed; it was not read to its end.</param>
public sealed record ServicePointCsvResult(
    IReadOnlyList<ServicePoint> ServicePoints, IReadOnlyList<RegistryRowError> Errors, int ErrorCount, bool TooManyRows)
{
    public bool IsValid => ErrorCount == 0 && !TooManyRows;
}

/// <summary>
/// Reads a registry file: CSV (RFC 4180, comma-separated, UTF-8) with a header row naming the columns, in any order.
/// <c>servicePointId</c> and <c>commodity</c> are required; the other columns may be left out, and an empty value takes
/// its default. A field may be quoted ("..."), with "" for a quote inside it; a quoted field must end on its line.
/// Every row is checked and every error reported with its line, so a file can be fixed in one go.
/// </summary>
public static class ServicePointCsv
{
    public const string ServicePointId = "servicePointId";
    public const string Commodity = "commodity";
    public const string MeterId = "meterId";
    public const string MeterClass = "meterClass";
    public const string Commissioned = "commissioned";
    public const string Switch = "switch";
    public const string IntervalCapable = "intervalCapable";
    public const string HeadEndId = "headEndId";
    public const string Unmetered = "unmetered";
    public const string ItemSwitch = "itemSwitch";

    /// <summary>The columns, in the order the sample file and the README give them.</summary>
    public static IReadOnlyList<string> Columns => RegistryFile.Columns;

    public const int MaxRows = RegistryFile.MaxRows;

    /// <summary>A file with more errors than this lists only the first ones (and counts all).</summary>
    public const int MaxErrorsListed = 1_000;

    static readonly string[] RequiredColumns = [ServicePointId, Commodity];

    public static ServicePointCsvResult Parse(TextReader reader, int maxRows = MaxRows)
    {
        var errors = new ErrorList();
        var fields = new List<string>();
        var lineNumber = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && string.IsNullOrWhiteSpace(line));

        if (line is null)
        {
            errors.Add(new(1, "", RegistryErrorCodes.NoRows, $"The file is empty: it needs a header row ({string.Join(',', Columns)}) and at least one row."));
            return errors.ToResult([], tooManyRows: false);
        }

        var columns = ReadHeader(line.TrimStart('\uFEFF'), lineNumber, fields, errors);
        if (columns is null)
        {
            return errors.ToResult([], tooManyRows: false);
        }

        var points = new List<ServicePoint>();
        var rows = 0;
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (++rows > maxRows)
            {
                return errors.ToResult(points, tooManyRows: true);
            }

            var row = ReadRow(line, lineNumber, columns, fields, errors);
            if (row is null)
            {
                continue;
            }

            if (!firstLineOf.TryAdd(row.ServicePointId, lineNumber))
            {
                errors.Add(new(lineNumber, ServicePointId, RegistryErrorCodes.DuplicateServicePoint,
                    $"Service point {row.ServicePointId} is also on line {firstLineOf[row.ServicePointId]}."));
            }

            points.Add(row);
        }

        if (rows == 0)
        {
            errors.Add(new(lineNumber, "", RegistryErrorCodes.NoRows, "The file has a header and no rows."));
        }

        return errors.ToResult(points, tooManyRows: false);
    }

    /// <summary>The column name of each position, or null when the header is unusable (then the rows cannot be read).</summary>
    static string[]? ReadHeader(string line, int lineNumber, List<string> fields, ErrorList errors)
    {
        if (Split(line, fields) is { } malformed)
        {
            errors.Add(new(lineNumber, "", RegistryErrorCodes.MalformedLine, $"The header is not valid CSV: {malformed}."));
            return null;
        }

        var before = errors.Count;
        var columns = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var name = Columns.FirstOrDefault(c => string.Equals(c, fields[i], StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors.Add(new(lineNumber, fields[i], RegistryErrorCodes.UnknownColumn, $"Column '{Clip(fields[i])}' is not one of {string.Join(", ", Columns)}."));
            }
            else if (columns.Contains(name))
            {
                errors.Add(new(lineNumber, name, RegistryErrorCodes.DuplicateColumn, $"Column {name} is given twice."));
            }

            columns[i] = name ?? "";
        }

        foreach (var required in RequiredColumns.Where(r => !columns.Contains(r)))
        {
            errors.Add(new(lineNumber, required, RegistryErrorCodes.MissingColumn, $"The header has no column {required}."));
        }

        return errors.Count == before ? columns : null;
    }

    static ServicePoint? ReadRow(string line, int lineNumber, string[] columns, List<string> fields, ErrorList errors)
    {
        if (Split(line, fields) is { } malformed)
        {
            errors.Add(new(lineNumber, "", RegistryErrorCodes.MalformedLine, $"The line is not valid CSV: {malformed}."));
            return null;
        }

        if (fields.Count != columns.Length)
        {
            errors.Add(new(lineNumber, "", RegistryErrorCodes.WrongFieldCount, $"The line has {fields.Count} fields; the header has {columns.Length}."));
            return null;
        }

        var row = new Row(lineNumber, columns, fields, errors);
        var before = errors.Count;

        var servicePointId = row.Id(ServicePointId, required: true);
        var commodity = row.Enum<Commodity>(Commodity, required: true);
        var meterId = row.Id(MeterId, required: false);
        var unmetered = row.Bool(Unmetered);
        var itemSwitch = row.Enum<SwitchState>(ItemSwitch, required: false) ?? SwitchState.Unknown;

        // A meter id that is given but not valid is reported as such; its other meter fields are still checked.
        Meter? meter = null;
        if (row.Has(MeterId))
        {
            var meterClass = row.Enum<MeterClass>(MeterClass, required: true);
            var commissioned = row.Bool(Commissioned);
            var switchState = row.Enum<SwitchState>(Switch, required: false) ?? SwitchState.Unknown;
            var intervalCapable = row.Bool(IntervalCapable);
            var headEndId = row.Id(HeadEndId, required: false) ?? Meter.DefaultHeadEnd;
            if (commissioned && meterClass is not null and not Contracts.ServicePoints.MeterClass.Smart)
            {
                row.Inconsistent(Commissioned, $"Only smart meters are commissioned; this one is {meterClass}.");
            }

            if (unmetered)
            {
                row.Inconsistent(Unmetered, "An unmetered item has no meter: leave meterId empty or unmetered false.");
            }

            meter = meterId is not null && meterClass is { } c ? new Meter(meterId, c, commissioned, switchState, intervalCapable, headEndId) : null;
        }
        else
        {
            foreach (var given in new[] { MeterClass, Switch, HeadEndId }.Where(row.Has))
            {
                row.Inconsistent(given, $"{given} describes a meter, and the row has no meterId.");
            }

            foreach (var given in new[] { Commissioned, IntervalCapable }.Where(row.Has))
            {
                if (row.Bool(given))
                {
                    row.Inconsistent(given, $"{given} describes a meter, and the row has no meterId.");
                }
            }
        }

        if (!unmetered && itemSwitch != SwitchState.Unknown)
        {
            row.Inconsistent(ItemSwitch, "itemSwitch is the switch of an unmetered item; this row is not unmetered.");
        }

        return errors.Count == before && servicePointId is not null && commodity is { } commodityValue
            ? new ServicePoint(servicePointId, commodityValue, meter, LastReading: null, unmetered, itemSwitch)
            : null;
    }

    /// <summary>Splits one line into its fields; returns why it cannot, or null.</summary>
    static string? Split(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return "a quoted field is not closed on its line (fields may not span lines)";
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(line[i++]);
                }

                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    return $"text after the closing quote of field {fields.Count + 1}";
                }

                fields.Add(value.ToString());
            }
            else
            {
                var end = line.IndexOf(',', i);
                var raw = end < 0 ? line[i..] : line[i..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    return $"a quote inside unquoted field {fields.Count + 1} (quote the whole field and double the quote)";
                }

                fields.Add(raw.Trim());
                i = end < 0 ? line.Length : end;
            }

            if (i >= line.Length)
            {
                return null;
            }

            // At a comma: the next field starts after it, and a comma at the end of the line means a last empty field.
            i++;
            if (i == line.Length)
            {
                fields.Add("");
                return null;
            }
        }
    }

    static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>The values of one row by column name, reporting every bad value to the error list.</summary>
    sealed class Row(int line, string[] columns, List<string> fields, ErrorList errors)
    {
        public bool Has(string column) => Value(column).Length > 0;

        public string? Id(string column, bool required)
        {
            var value = Value(column);
            if (value.Length == 0)
            {
                if (required)
                {
                    errors.Add(new(line, column, ReasonCodes.MissingField, $"{column} is required."));
                }

                return null;
            }

            if (!ServiceOrderValidator.IsValidId(value))
            {
                errors.Add(new(line, column, ReasonCodes.InvalidId, $"{column} '{Clip(value)}' is not 1 to 64 letters, digits, '-' or '_'."));
                return null;
            }

            return value;
        }

        public T? Enum<T>(string column, bool required)
            where T : struct, System.Enum
        {
            var value = Value(column);
            if (value.Length == 0)
            {
                if (required)
                {
                    errors.Add(new(line, column, ReasonCodes.MissingField, $"{column} is required: one of {string.Join(", ", System.Enum.GetNames<T>())}."));
                }

                return null;
            }

            // By name only: Enum.TryParse would also take "7" or "Smart, Amr".
            var name = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors.Add(new(line, column, ReasonCodes.InvalidValue, $"{column} '{Clip(value)}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}."));
                return null;
            }

            return System.Enum.Parse<T>(name);
        }

        /// <summary>true or false (any case); empty is false.</summary>
        public bool Bool(string column)
        {
            var value = Value(column);
            if (value.Length == 0 || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            errors.Add(new(line, column, ReasonCodes.InvalidValue, $"{column} '{Clip(value)}' is not true or false."));
            return false;
        }

        public void Inconsistent(string column, string message) =>
            errors.Add(new(line, column, RegistryErrorCodes.InconsistentRow, message));

        string Value(string column)
        {
            var index = Array.IndexOf(columns, column);
            return index < 0 ? "" : fields[index];
        }
    }

    /// <summary>Keeps the first errors and counts them all, so a file of bad rows cannot make the answer huge.</summary>
    sealed class ErrorList
    {
        readonly List<RegistryRowError> listed = [];

        public int Count { get; private set; }

        public void Add(RegistryRowError error)
        {
            Count++;
            if (listed.Count < MaxErrorsListed)
            {
                listed.Add(error);
            }
        }

        public ServicePointCsvResult ToResult(List<ServicePoint> points, bool tooManyRows) =>
            new(Count == 0 && !tooManyRows ? points : [], listed, Count, tooManyRows);
    }
}
