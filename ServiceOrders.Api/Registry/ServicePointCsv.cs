using CsvHelper;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
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
/// CsvHelper splits the lines; this class holds the file's rules and its messages.
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
    public const string LifeSupport = "lifeSupport";

    /// <summary>The columns, in the order the sample file and the README give them.</summary>
    public static IReadOnlyList<string> Columns => RegistryFile.Columns;

    public const int MaxRows = RegistryFile.MaxRows;

    /// <summary>A file with more errors than this lists only the first ones (and counts all).</summary>
    public const int MaxErrorsListed = 1_000;

    static readonly string[] RequiredColumns = [ServicePointId, Commodity];

    public static ServicePointCsvResult Parse(TextReader reader, int maxRows = MaxRows)
    {
        var errors = new ErrorList();
        CsvMalformedRecord? malformed = null;

        // RFC 4180 with one record a line: a line break ends the record even inside quotes, so one bad quote spoils
        // its line only. The header is read as a record of its own, for the errors this file reports about it.
        var options = new CsvReaderOptions
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = RegistryFile.MaxBytes,
            OnMalformedRecord = record => malformed = record,
            ShouldSkipRecord = row => string.IsNullOrWhiteSpace(row.ToString()),
        };

        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var fields = new List<string>();
        var lineNumber = 1;
        try
        {
            if (!csv.Read())
            {
                errors.Add(new(1, "", RegistryErrorCodes.NoRows, $"The file is empty: it needs a header row ({string.Join(',', Columns)}) and at least one row."));
                return errors.ToResult([], tooManyRows: false);
            }

            lineNumber = (int)csv.LineNumber;
            if (Malformation(csv, malformed) is { } badHeader)
            {
                errors.Add(new(lineNumber, "", RegistryErrorCodes.MalformedLine, $"The header is not valid CSV: {badHeader}."));
                return errors.ToResult([], tooManyRows: false);
            }

            var columns = ReadHeader(FieldsOf(csv, fields), lineNumber, errors);
            if (columns is null)
            {
                return errors.ToResult([], tooManyRows: false);
            }

            var points = new List<ServicePoint>();
            var rows = 0;
            var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (malformed = null; csv.Read(); malformed = null)
            {
                lineNumber = (int)csv.LineNumber;
                if (++rows > maxRows)
                {
                    return errors.ToResult(points, tooManyRows: true);
                }

                if (Malformation(csv, malformed) is { } badLine)
                {
                    errors.Add(new(lineNumber, "", RegistryErrorCodes.MalformedLine, $"The line is not valid CSV: {badLine}."));
                    continue;
                }

                var row = ReadRow(FieldsOf(csv, fields), lineNumber, columns, errors);
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
        catch (CsvFormatException ex)
        {
            // Only a record beyond the size limit gets here (malformed quoting is recovered from and reported above).
            var line = ex.LineNumber > 0 ? (int)ex.LineNumber : lineNumber;
            errors.Add(new(line, "", RegistryErrorCodes.MalformedLine, $"The line is not valid CSV: {ex.Message}"));
            return errors.ToResult([], tooManyRows: false);
        }
    }

    /// <summary>Why the current record is not valid CSV, in words that name the field; null when it is.</summary>
    static string? Malformation(CsvReader csv, CsvMalformedRecord? malformed) => malformed?.Reason switch
    {
        null => null,
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => "a quoted field is not closed on its line (fields may not span lines)",
        CsvMalformedReason.TextAfterClosingQuote => $"text after the closing quote of field {FieldAt(csv, malformed.Value.ByteOffset)}",
        CsvMalformedReason.StrayQuote => $"a quote inside unquoted field {FieldAt(csv, malformed.Value.ByteOffset)} (quote the whole field and double the quote)",
        _ => "its quoting is malformed",
    };

    /// <summary>The 1-based field of the current record that holds the byte at <paramref name="offset"/> of the input.</summary>
    static int FieldAt(CsvReader csv, long offset)
    {
        var at = offset - csv.ByteOffset;
        var start = 0L;
        for (var i = 0; i < csv.FieldCount; i++)
        {
            start += csv.GetRawSpan(i).Length;
            if (at < start)
            {
                return i + 1;
            }

            start++; // the separator
        }

        return csv.FieldCount;
    }

    /// <summary>
    /// The values of the current record. Spaces and tabs around a quoted field are dropped and its content kept as is;
    /// an unquoted value is trimmed of all white space, as the file format has always done.
    /// </summary>
    static List<string> FieldsOf(CsvReader csv, List<string> fields)
    {
        fields.Clear();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var value = csv.GetString(i) ?? "";
            var quoted = csv.GetRawSpan(i).TrimStart(" \t"u8) is [(byte)'"', ..];
            fields.Add(quoted ? value : value.Trim());
        }

        return fields;
    }

    /// <summary>The column name of each position, or null when the header is unusable (then the rows cannot be read).</summary>
    static string[]? ReadHeader(List<string> fields, int lineNumber, ErrorList errors)
    {
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

    static ServicePoint? ReadRow(List<string> fields, int lineNumber, string[] columns, ErrorList errors)
    {
        if (fields.Count != columns.Length)
        {
            errors.Add(new(lineNumber, "", RegistryErrorCodes.WrongFieldCount, $"The line has {fields.Count} fields; the header has {columns.Length}."));
            return null;
        }

        var row = new Row(lineNumber, columns, fields);

        // Values that do not parse are reported here; what the parsed values say together is the validator's to judge,
        // as it is for a PUT. A value that did not parse stands in as one the validator does not object to.
        var servicePointId = row.Text(ServicePointId);
        var commodity = row.Enum<Commodity>(Commodity, required: true);
        var unmetered = row.Bool(Unmetered);
        var itemSwitch = row.Enum<SwitchState>(ItemSwitch, required: false) ?? SwitchState.Unknown;
        var lifeSupport = row.Bool(LifeSupport);

        Meter? meter = null;
        if (row.Has(MeterId))
        {
            var meterClass = row.Enum<MeterClass>(MeterClass, required: true);
            var commissioned = row.Bool(Commissioned);
            var switchState = row.Enum<SwitchState>(Switch, required: false) ?? SwitchState.Unknown;
            var intervalCapable = row.Bool(IntervalCapable);
            var headEndId = row.Has(HeadEndId) ? row.Text(HeadEndId) : Meter.DefaultHeadEnd;
            meter = new Meter(row.Text(MeterId), meterClass ?? Contracts.ServicePoints.MeterClass.Smart, commissioned, switchState, intervalCapable, headEndId);
        }
        else
        {
            // A row can name meter fields without a meter, which a service point cannot express: the file's own rule.
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

        var point = new ServicePoint(servicePointId, commodity ?? Contracts.ServicePoints.Commodity.Electric, meter, LastReading: null, unmetered, itemSwitch, lifeSupport);
        foreach (var error in ServicePointValidator.Validate(point))
        {
            row.Add(ColumnOf(error.Field), error.Code, error.Message);
        }

        // In column order, whichever check found them, so a row's errors read left to right.
        foreach (var error in row.Errors.OrderBy(e => ColumnIndex(e.Field)))
        {
            errors.Add(error);
        }

        return row.Errors.Count == 0 ? point : null;
    }

    /// <summary>The column of a validator field: the file names the meter's values without the <c>meter.</c> prefix.</summary>
    static string ColumnOf(string field) => field switch
    {
        ServicePointValidator.Fields.MeterId => MeterId,
        ServicePointValidator.Fields.MeterClass => MeterClass,
        ServicePointValidator.Fields.Commissioned => Commissioned,
        ServicePointValidator.Fields.Switch => Switch,
        ServicePointValidator.Fields.HeadEndId => HeadEndId,
        _ => field,
    };

    static int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return Columns.Count;
    }

    static string Clip(string value) => ServicePointMessages.Clip(value);

    /// <summary>The values of one row by column name, collecting every value that does not parse.</summary>
    sealed class Row(int line, string[] columns, List<string> fields)
    {
        public List<RegistryRowError> Errors { get; } = [];

        public bool Has(string column) => Text(column).Length > 0;

        public T? Enum<T>(string column, bool required)
            where T : struct, System.Enum
        {
            var value = Text(column);
            if (value.Length == 0)
            {
                if (required)
                {
                    Add(column, ReasonCodes.MissingField, ServicePointMessages.RequiredOneOf<T>(column));
                }

                return null;
            }

            // By name only: Enum.TryParse would also take "7" or "Smart, Amr".
            var name = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                Add(column, ReasonCodes.InvalidValue, ServicePointMessages.NotOneOf<T>(column, value));
                return null;
            }

            return System.Enum.Parse<T>(name);
        }

        /// <summary>true or false (any case); empty is false.</summary>
        public bool Bool(string column)
        {
            var value = Text(column);
            if (value.Length == 0 || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            Add(column, ReasonCodes.InvalidValue, ServicePointMessages.NotABoolean(column, value));
            return false;
        }

        public void Inconsistent(string column, string message) => Add(column, RegistryErrorCodes.InconsistentRow, message);

        public void Add(string column, string code, string message) => Errors.Add(new(line, column, code, message));

        /// <summary>The value of the column; empty when the header does not have it.</summary>
        public string Text(string column)
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
