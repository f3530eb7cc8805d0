using System.Net;
using System.Text;
using ServiceOrders.Tests.EndToEnd;
using static ServiceOrders.Tests.BadInput.BadValues;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// Every HTTP route against the bad-input corpus, on the standalone host: each case must get the expected status with
/// problem details that say what is wrong; never a 500, never a silent accept. One theory per route.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class HttpBadInputTests(StandaloneHostFixture host)
{
    const string Json = "application/json";
    const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;
    const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    const HttpStatusCode TooLarge = HttpStatusCode.RequestEntityTooLarge;
    const HttpStatusCode Unsupported = HttpStatusCode.UnsupportedMediaType;

    /// <summary>Bad order ids as they appear in a URL (percent-encoded where a client must encode them).</summary>
    static readonly (string Name, string Segment)[] RouteIds =
    [
        ("encoded slash", "a%2Fb"),
        ("encoded backslash", "a%5Cb"),
        ("encoded dot-dot", "%2E%2E"),
        ("a dot", "R1.1"),
        ("a NUL", "R1%00"),
        ("a line feed", "R1%0A"),
        ("a DEL", "R1%7F"),
        ("a space", "R%201"),
        ("65 characters", new string('A', 65)),
        ("2000 characters", new string('A', 2000)),
    ];

    /// <summary>A valid request with one field replaced by a raw JSON value (or left out when the value is null).</summary>
    static string Order(string? field = null, string? value = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["requestId"] = "\"BAD-ORDER-1\"",
            ["requestType"] = "\"ReadMeter\"",
            ["servicePointId"] = "\"SP-BAD-1\"",
            ["commodity"] = "\"Electric\"",
        };
        if (field is not null)
        {
            if (value is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = value;
            }
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    /// <summary>The bodies every JSON route must refuse, whatever it expects.</summary>
    static BadHttpRequest.Corpus CommonBodies(BadHttpRequest.Corpus corpus, string path, int maxBytes) => corpus
        .Json("empty body", path, "")
        .Json("whitespace body", path, "   \n ")
        .Json("malformed JSON", path, "{\"code\":")
        .Json("unclosed string", path, "{\"code\":\"Compl")
        .Json("JSON null", path, "null")
        .Json("JSON array", path, "[]")
        .Json("JSON number", path, "42")
        .Json("JSON string", path, "\"text\"")
        .Json("deeply nested JSON", path, "{\"a\":" + Nested(200) + "}")
        .Json("a NUL byte outside strings", path, "{\u0000}")
        .Raw("invalid UTF-8", HttpMethod.Post, path, [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], Json, BadRequest)
        .Raw("oversized body", HttpMethod.Post, path, Utf8("{\"pad\":\"" + new string('x', maxBytes + 10) + "\"}"), Json, TooLarge)
        .Raw("text/plain", HttpMethod.Post, path, Utf8("{}"), "text/plain", Unsupported)
        .Raw("form body", HttpMethod.Post, path, Utf8("a=b"), "application/x-www-form-urlencoded", Unsupported);

    public static readonly BadHttpRequest.Corpus SubmitOrderCases = Build(() =>
    {
        var corpus = CommonBodies(new(), "api/orders", 64 * 1024)
            .Json("an empty object", "api/orders", "{}")
            .Json("requestId missing", "api/orders", Order("requestId"))
            .Json("requestType missing", "api/orders", Order("requestType"))
            .Json("commodity missing", "api/orders", Order("commodity"))
            .Json("requestId null", "api/orders", Order("requestId", "null"))
            .Json("requestId a number", "api/orders", Order("requestId", "42"))
            .Json("requestId an object", "api/orders", Order("requestId", "{}"))
            .Json("emergency a string", "api/orders", Order("emergency", "\"yes\""))
            .Json("account a string", "api/orders", Order("account", "\"life support\""))
            .Json("requestType unknown", "api/orders", Order("requestType", "\"Teleport\""))
            .Json("requestType a number", "api/orders", Order("requestType", "3"))
            .Json("requestType a numeric string", "api/orders", Order("requestType", "\"3\""))
            .Json("commodity a list of names", "api/orders", Order("commodity", "\"Electric, Gas\""))
            .Json("readKind unknown", "api/orders", Order("readKind", "\"Hourly\""))
            .Json("newMeter class unknown", "api/orders", Order("newMeter", "{\"meterId\":\"M-1\",\"class\":\"Quantum\"}"))
            .Json("newMeter id with a slash", "api/orders", Order("newMeter", "{\"meterId\":\"M/1\",\"class\":\"Smart\"}"))
            .Json("requestingSystem with a NUL", "api/orders", Order("requestingSystem", "\"CIS\\u0000\""))
            .Json("requestingSystem with a line feed", "api/orders", Order("requestingSystem", "\"CIS\\nX-Injected: 1\""))
            .Json("requestingSystem 65 characters", "api/orders", Order("requestingSystem", $"\"{new string('C', 65)}\""))
            .Json("requestId given twice", "api/orders", Order().Replace("{", "{\"requestId\":\"OTHER-1\",", StringComparison.Ordinal))
            .Json("requestId given twice in another case", "api/orders", Order().Replace("{", "{\"RequestId\":\"OTHER-1\",", StringComparison.Ordinal));
        foreach (var (name, id) in Ids)
        {
            corpus.Json($"requestId with {name}", "api/orders", Order("requestId", $"\"{id}\""));
            corpus.Json($"servicePointId with {name}", "api/orders", Order("servicePointId", $"\"{id}\""));
        }

        foreach (var (name, date) in Dates)
        {
            corpus.Json($"requestedDate {name}", "api/orders", Order("requestedDate", date));
        }

        return corpus;
    });

    public static TheoryData<string> SubmitOrder => SubmitOrderCases.Names;

    [Theory]
    [MemberData(nameof(SubmitOrder))]
    public Task POST_orders_RefusesBadInput(string name) => SubmitOrderCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus OrderChangeCases = Build(() =>
    {
        var corpus = new BadHttpRequest.Corpus();
        var bodies = new Dictionary<string, string>
        {
            ["cancel"] = "{\"reason\":\"Paid\",\"requestedBy\":\"CIS\"}",
            ["update"] = "{\"requestedDate\":null,\"requestedBy\":\"CIS\"}",
            ["actions"] = "{\"action\":\"Retry\",\"operator\":\"op-1\"}",
        };
        foreach (var (route, body) in bodies)
        {
            var path = $"api/orders/NO-SUCH-ORDER/{route}";
            foreach (var (name, id) in RouteIds)
            {
                corpus.Raw($"{route}: order id {name}", HttpMethod.Post, $"api/orders/{id}/{route}", Utf8(body), Json, ExpectedFor(name));
            }

            corpus.Json($"{route}: an order that does not exist", path, body, NotFound);
            corpus.Json($"{route}: an empty body", path, "");
            corpus.Json($"{route}: malformed JSON", path, "{\"requestedBy\":");
            corpus.Json($"{route}: a JSON array", path, "[]");
            corpus.Json($"{route}: a JSON number", path, "7");
            corpus.Json($"{route}: deeply nested JSON", path, "{\"note\":" + Nested(200) + "}");
            corpus.Raw($"{route}: oversized body", HttpMethod.Post, path, Utf8("{\"pad\":\"" + new string('x', 70_000) + "\"}"), Json, TooLarge);
            corpus.Raw($"{route}: text/plain", HttpMethod.Post, path, Utf8(body), "text/plain", Unsupported);
        }

        return corpus
            .Json("cancel: reason missing", "api/orders/NO-SUCH-ORDER/cancel", "{\"requestedBy\":\"CIS\"}")
            .Json("cancel: reason a number", "api/orders/NO-SUCH-ORDER/cancel", "{\"reason\":5,\"requestedBy\":\"CIS\"}")
            .Json("cancel: reason with a NUL", "api/orders/NO-SUCH-ORDER/cancel", "{\"reason\":\"Paid\\u0000\",\"requestedBy\":\"CIS\"}")
            .Json("cancel: reason 501 characters", "api/orders/NO-SUCH-ORDER/cancel", $"{{\"reason\":\"{new string('r', 501)}\",\"requestedBy\":\"CIS\"}}")
            .Json("cancel: requestedBy with a line feed", "api/orders/NO-SUCH-ORDER/cancel", "{\"reason\":\"Paid\",\"requestedBy\":\"CIS\\n\"}")
            .Json("cancel: reason given twice", "api/orders/NO-SUCH-ORDER/cancel", "{\"reason\":\"Paid\",\"reason\":\"x\",\"requestedBy\":\"CIS\"}")
            .Json("update: requestedDate year 1", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":\"0001-01-01T00:00:00Z\",\"requestedBy\":\"CIS\"}")
            .Json("update: requestedDate MinValue with an offset", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":\"0001-01-01T00:00:00+14:00\",\"requestedBy\":\"CIS\"}")
            .Json("update: requestedDate year 9999", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":\"9999-12-31T23:59:59.9999999Z\",\"requestedBy\":\"CIS\"}")
            .Json("update: requestedDate MaxValue with an offset", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":\"9999-12-31T23:59:59.9999999-14:00\",\"requestedBy\":\"CIS\"}")
            .Json("update: requestedDate a number", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":1700000000,\"requestedBy\":\"CIS\"}")
            .Json("update: requestedBy missing", "api/orders/NO-SUCH-ORDER/update", "{\"requestedDate\":null}")
            .Json("actions: action unknown", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"Teleport\",\"operator\":\"op-1\"}")
            .Json("actions: action a number", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":1,\"operator\":\"op-1\"}")
            .Json("actions: action a list of names", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"Retry, Skip\",\"operator\":\"op-1\"}")
            .Json("actions: operator missing", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"Retry\"}")
            .Json("actions: note with a NUL", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"Retry\",\"operator\":\"op-1\",\"note\":\"x\\u0000\"}")
            .Json("actions: RecordDone without a completion", "api/orders/NO-SUCH-ORDER/actions", "{\"action\":\"RecordDone\",\"operator\":\"op-1\"}")
            .Json("actions: RecordDone with a meter id with a slash", "api/orders/NO-SUCH-ORDER/actions",
                "{\"action\":\"RecordDone\",\"operator\":\"op-1\",\"completion\":{\"code\":\"Completed\",\"installedMeter\":{\"meterId\":\"../M\",\"class\":\"Smart\"}}}")
            .Json("actions: RecordDone with a reading in year 1", "api/orders/NO-SUCH-ORDER/actions",
                "{\"action\":\"RecordDone\",\"operator\":\"op-1\",\"completion\":{\"code\":\"Completed\",\"readings\":[{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"0001-01-01T00:00:00Z\"}]}}");
    });

    /// <summary>An encoded dot-dot is resolved by the server before routing, so it names no route at all.</summary>
    static HttpStatusCode ExpectedFor(string routeIdName) => routeIdName == "encoded dot-dot" ? NotFound : BadRequest;

    public static TheoryData<string> OrderChange => OrderChangeCases.Names;

    [Theory]
    [MemberData(nameof(OrderChange))]
    public Task POST_order_cancel_update_actions_RefuseBadInput(string name) => OrderChangeCases[name].AssertRefusedAsync(host.Http);

    /// <summary>The answers of crews and head-ends share their checks; each route gets the whole set.</summary>
    static BadHttpRequest.Corpus Answers(string route, string goodBody, string codeField)
    {
        var corpus = CommonBodies(new(), $"{route.Replace("{id}", "NO-SUCH-ORDER.1", StringComparison.Ordinal)}", 64 * 1024);
        string Path(string id) => route.Replace("{id}", id, StringComparison.Ordinal);
        string With(string field, string value) => goodBody.Replace("}", $",\"{field}\":{value}}}", StringComparison.Ordinal);
        foreach (var (name, segment) in new[]
        {
            ("an order that does not exist", "NO-SUCH-ORDER.1"),
            ("no step", "NO-SUCH-ORDER"),
            ("step 0", "NO-SUCH-ORDER.0"),
            ("a negative step", "NO-SUCH-ORDER.-1"),
            ("a signed step", "NO-SUCH-ORDER.%2B1"),
            ("a step with a space", "NO-SUCH-ORDER.%201"),
            ("a step with a line feed", "NO-SUCH-ORDER.1%0A"),
            ("a huge step", "NO-SUCH-ORDER.99999999999999999999"),
            ("an order id with an encoded slash", "a%2Fb.1"),
            ("an encoded dot-dot", "%2E%2E"),
            ("an order id with a NUL", "R1%00.1"),
            ("an order id of 65 characters", new string('A', 65) + ".1"),
            ("2000 characters", new string('A', 2000)),
        })
        {
            corpus.Raw($"id: {name}", HttpMethod.Post, Path(segment), Utf8(goodBody), Json, NotFound);
        }

        var path = Path("NO-SUCH-ORDER.1");
        return corpus
            .Json($"{codeField} missing", path, "{}")
            .Json($"{codeField} unknown", path, $"{{\"{codeField}\":\"Teleported\"}}")
            .Json($"{codeField} a number", path, $"{{\"{codeField}\":1}}")
            .Json($"{codeField} a numeric string", path, $"{{\"{codeField}\":\"1\"}}")
            .Json($"{codeField} a list of names", path, $"{{\"{codeField}\":\"Succeeded, Completed\"}}")
            .Json($"{codeField} null", path, $"{{\"{codeField}\":null}}")
            .Json($"{codeField} given twice", path, goodBody.Replace("{", $"{{\"{codeField}\":\"Failed\",", StringComparison.Ordinal))
            .Json("switch unknown", path, With("switch", "\"On\""))
            .Json("switch a number", path, With("switch", "9"))
            .Json("readings an object", path, With("readings", "{}"))
            .Json("readings with a null", path, With("readings", "[null]"))
            .Json("a reading without a register", path, With("readings", "[{\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"2025-01-01T00:00:00Z\"}]"))
            .Json("a reading with a value as text", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":\"lots\",\"unit\":\"kWh\",\"takenAt\":\"2025-01-01T00:00:00Z\"}]"))
            .Json("a reading with a register with a NUL", path, With("readings", "[{\"register\":\"1.8\\u0000\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"2025-01-01T00:00:00Z\"}]"))
            .Json("a reading in year 1", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"0001-01-01T00:00:00Z\"}]"))
            .Json("a reading at MinValue with an offset", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"0001-01-01T00:00:00+14:00\"}]"))
            .Json("a reading in year 9999", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"9999-12-31T23:59:59.9999999Z\"}]"))
            .Json("a reading a century ahead", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"2125-01-01T00:00:00Z\"}]"))
            .Json("a reading with a value beyond decimal", path, With("readings", "[{\"register\":\"1.8.0\",\"value\":1e400,\"unit\":\"kWh\",\"takenAt\":\"2025-01-01T00:00:00Z\"}]"));
    }

    public static readonly BadHttpRequest.Corpus CrewCompletionCases = Build(() =>
    {
        const string good = "{\"code\":\"Completed\"}";
        const string route = "api/field-activities/{id}/completion";
        var path = route.Replace("{id}", "NO-SUCH-ORDER.1", StringComparison.Ordinal);
        string With(string field, string value) => $"{{\"code\":\"Completed\",\"{field}\":{value}}}";
        return Answers(route, good, "code")
            .Json("installedMeter id with a slash", path, With("installedMeter", "{\"meterId\":\"../M\",\"class\":\"Smart\"}"))
            .Json("installedMeter id with a line feed", path, With("installedMeter", "{\"meterId\":\"M1\\n\",\"class\":\"Smart\"}"))
            .Json("installedMeter class unknown", path, With("installedMeter", "{\"meterId\":\"M1\",\"class\":\"Quantum\"}"))
            .Json("removedMeterId with a backslash", path, With("removedMeterId", "\"M\\\\1\""))
            .Json("removedMeterId of 65 characters", path, With("removedMeterId", $"\"{new string('M', 65)}\""))
            .Json("crew with a NUL", path, With("crew", "\"Crew\\u0000\""))
            .Json("crew of 65 characters", path, With("crew", $"\"{new string('c', 65)}\""))
            .Json("remarks of 2001 characters", path, With("remarks", $"\"{new string('r', 2001)}\""))
            .Json("remarks with a NUL", path, With("remarks", "\"dog\\u0000\""))
            .Json("completedAt year 1", path, With("completedAt", "\"0001-01-01T00:00:00Z\""))
            .Json("completedAt year 9999", path, With("completedAt", "\"9999-12-31T23:59:59.9999999Z\""))
            .Json("completedAt not a date", path, With("completedAt", "\"yesterday\""));
    });

    public static TheoryData<string> CrewCompletion => CrewCompletionCases.Names;

    [Theory]
    [MemberData(nameof(CrewCompletion))]
    public Task POST_fieldActivity_completion_RefusesBadInput(string name) => CrewCompletionCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus HeadEndResultCases = Build(() =>
    {
        const string route = "api/headend/commands/{id}/result";
        var path = route.Replace("{id}", "NO-SUCH-ORDER.1", StringComparison.Ordinal);
        return Answers(route, "{\"outcome\":\"Succeeded\"}", "outcome")
            .Json("error of 2001 characters", path, $"{{\"outcome\":\"Failed\",\"error\":\"{new string('e', 2001)}\"}}")
            .Json("error with a NUL", path, "{\"outcome\":\"Failed\",\"error\":\"x\\u0000\"}")
            .Json("error a number", path, "{\"outcome\":\"Failed\",\"error\":500}");
    });

    public static TheoryData<string> HeadEndResult => HeadEndResultCases.Names;

    [Theory]
    [MemberData(nameof(HeadEndResult))]
    public Task POST_headEnd_command_result_RefusesBadInput(string name) => HeadEndResultCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus SubscriptionCases = Build(() =>
    {
        const string path = "api/subscriptions";
        static string Sub(string url, string types = "[\"*\"]") => $"{{\"url\":{url},\"eventTypes\":{types}}}";
        return CommonBodies(new(), path, 16 * 1024)
            .Json("an empty object", path, "{}")
            .Json("url missing", path, "{\"eventTypes\":[\"*\"]}")
            .Json("url a number", path, Sub("42"))
            .Json("url relative", path, Sub("\"/hooks\""))
            .Json("url ftp", path, Sub("\"ftp://example.com/hooks\""))
            .Json("url javascript", path, Sub("\"javascript:alert(1)\""))
            .Json("url file", path, Sub("\"file:///etc/passwd\""))
            .Json("url plain http to another host", path, Sub("\"http://example.com/hooks\""))
            .Json("url with a NUL", path, Sub("\"https://example.com/\\u0000\""))
            .Json("url with a line feed", path, Sub("\"https://example.com/\\nX: 1\""))
            .Json("url with a user", path, Sub("\"https://user:pw@example.com/hooks\""))
            .Json("url of 3000 characters", path, Sub($"\"https://example.com/{new string('a', 3000)}\""))
            .Json("eventTypes missing", path, "{\"url\":\"https://example.com/hooks\"}")
            .Json("eventTypes a string", path, Sub("\"https://example.com/hooks\"", "\"*\""))
            .Json("eventTypes empty", path, Sub("\"https://example.com/hooks\"", "[]"))
            .Json("eventTypes with a number", path, Sub("\"https://example.com/hooks\"", "[1]"))
            .Json("eventTypes with a null", path, Sub("\"https://example.com/hooks\"", "[null]"))
            .Json("eventTypes unknown", path, Sub("\"https://example.com/hooks\"", "[\"serviceorder.teleported\"]"))
            .Json("eventTypes with a control character", path, Sub("\"https://example.com/hooks\"", "[\"serviceorder.completed\\u0000\"]"))
            .Json("eventTypes 17 of them", path, Sub("\"https://example.com/hooks\"", "[" + string.Join(",", Enumerable.Repeat("\"*\"", 17)) + "]"))
            .Json("description with a NUL", path, "{\"url\":\"https://example.com/hooks\",\"eventTypes\":[\"*\"],\"description\":\"x\\u0000\"}")
            .Json("description of 201 characters", path, $"{{\"url\":\"https://example.com/hooks\",\"eventTypes\":[\"*\"],\"description\":\"{new string('d', 201)}\"}}")
            .Json("url given twice", path, "{\"url\":\"https://example.com/a\",\"url\":\"https://example.com/b\",\"eventTypes\":[\"*\"]}")
            .Get("GET a subscription id with an encoded slash", "api/subscriptions/a%2Fb", NotFound)
            .Get("GET a subscription id with a NUL", "api/subscriptions/sub%00", NotFound)
            .Get("GET a subscription id of 2000 characters", $"api/subscriptions/{new string('s', 2000)}", NotFound)
            .Get("GET deliveries of an encoded dot-dot", "api/subscriptions/%2E%2E/deliveries", NotFound)
            .Raw("DELETE a subscription id with a line feed", HttpMethod.Delete, "api/subscriptions/sub%0A", null, Json, NotFound);
    });

    public static TheoryData<string> Subscription => SubscriptionCases.Names;

    [Theory]
    [MemberData(nameof(Subscription))]
    public Task Subscriptions_RefuseBadInput(string name) => SubscriptionCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus RegistryImportCases = Build(() =>
    {
        const string path = "api/service-points/import";
        const string header = "servicePointId,commodity,meterId,meterClass";
        BadHttpRequest.Corpus corpus = new();
        void Csv(string name, string csv, HttpStatusCode expected = BadRequest) => corpus.Raw(name, HttpMethod.Post, path, Utf8(csv), "text/csv", expected);
        Csv("empty file", "");
        Csv("a byte order mark only", "\uFEFF");
        Csv("header only", header + "\n");
        Csv("no header", "SP-1,Electric,M-1,Smart\n");
        Csv("unknown column", "servicePointId,commodity,color\nSP-1,Electric,red\n");
        Csv("column given twice", "servicePointId,commodity,commodity\nSP-1,Electric,Gas\n");
        Csv("too few fields", header + "\nSP-1,Electric\n");
        Csv("too many fields", header + "\nSP-1,Electric,M-1,Smart,extra\n");
        Csv("an unclosed quote", header + "\n\"SP-1,Electric,M-1,Smart\n");
        Csv("a quote inside a field", header + "\nSP\"1,Electric,M-1,Smart\n");
        Csv("commodity unknown", header + "\nSP-1,Plasma,M-1,Smart\n");
        Csv("commodity a number", header + "\nSP-1,1,M-1,Smart\n");
        Csv("commodity a list of names", header + "\nSP-1,\"Electric, Gas\",M-1,Smart\n");
        Csv("commissioned not a bool", "servicePointId,commodity,meterId,meterClass,commissioned\nSP-1,Electric,M-1,Smart,yes\n");
        Csv("a meter class without a meter", header + "\nSP-1,Electric,,Smart\n");
        Csv("service point given twice", header + "\nSP-1,Electric,M-1,Smart\nSP-1,Gas,M-2,Manual\n");
        Csv("a NUL in a field", header + "\nSP-1\u0000,Electric,M-1,Smart\n");
        Csv("a DEL in a field", header + "\nSP-1\u007f,Electric,M-1,Smart\n");
        foreach (var (name, id) in Ids.Where(i => i.Json.Length > 0 && !i.Json.Contains('\\', StringComparison.Ordinal)))
        {
            Csv($"servicePointId with {name}", $"{header}\n{id},Electric,M-1,Smart\n");
        }

        Csv("headEndId with a colon", "servicePointId,commodity,meterId,meterClass,headEndId\nSP-1,Electric,M-1,Smart,a:b\n");
        Csv("more rows than allowed", header + "\n" + string.Concat(Enumerable.Range(0, 100_001).Select(i => $"SP-{i},Electric,,\n")), TooLarge);
        corpus.Raw("a file over 10 MiB", HttpMethod.Post, path, Utf8(header + "\n" + new string(',', 10 * 1024 * 1024)), "text/csv", TooLarge);
        corpus.Raw("invalid UTF-8", HttpMethod.Post, path, [.. Utf8(header + "\nSP-1,Electric,M-"), 0xC3, 0x28, .. Utf8(",Smart\n")], "text/csv", BadRequest);
        corpus.Raw("JSON instead of CSV", HttpMethod.Post, path, Utf8("[{\"servicePointId\":\"SP-1\"}]"), Json, Unsupported);
        corpus.Raw("CSV in another charset", HttpMethod.Post, path, Encoding.Latin1.GetBytes(header + "\nSP-1,Electric,M-1,Smart\n"), "text/csv; charset=iso-8859-1", Unsupported);
        return corpus;
    });

    public static TheoryData<string> RegistryImport => RegistryImportCases.Names;

    [Theory]
    [MemberData(nameof(RegistryImport))]
    public Task POST_servicePoints_import_RefusesBadInput(string name) => RegistryImportCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus OrderListCases = Build(() => new BadHttpRequest.Corpus()
        .Get("status unknown", "api/orders?status=Teleported")
        .Get("status a number", "api/orders?status=1")
        .Get("status a list of names", "api/orders?status=Open,Completed")
        .Get("status with a space", "api/orders?status=%20Open")
        .Get("status with a NUL", "api/orders?status=Open%00")
        .Get("status given twice", "api/orders?status=Open&status=Completed")
        .Get("from not a date", "api/orders?from=yesterday")
        .Get("from year 1", "api/orders?from=0001-01-01T00:00:00Z")
        .Get("to year 1", "api/orders?to=0001-01-01T00:00:00Z")
        .Get("from and to year 1", "api/orders?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z")
        .Get("to MinValue with an offset", "api/orders?to=0001-01-01T00:00:00%2B14:00")
        .Get("from year 9999", "api/orders?from=9999-12-31T00:00:00Z")
        .Get("from and to year 9999", "api/orders?from=9999-12-30T00:00:00Z&to=9999-12-31T23:59:59.9999999Z")
        .Get("to MaxValue with an offset", "api/orders?to=9999-12-31T23:59:59-14:00")
        .Get("a century ago", "api/orders?from=1925-01-01T00:00:00Z&to=1925-01-02T00:00:00Z")
        .Get("from after to", "api/orders?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z")
        .Get("a range over 93 days", "api/orders?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z")
        .Get("from given twice", "api/orders?from=2025-01-01T00:00:00Z&from=2025-01-02T00:00:00Z")
        .Get("top 0", "api/orders?top=0")
        .Get("top negative", "api/orders?top=-1")
        .Get("top 1001", "api/orders?top=1001")
        .Get("top not a number", "api/orders?top=ten")
        .Get("top beyond int", "api/orders?top=99999999999999999999")
        .Get("top with a sign", "api/orders?top=%2B5")
        .Get("servicePointId with an encoded slash", "api/orders?servicePointId=a%2Fb")
        .Get("servicePointId with a dot-dot", "api/orders?servicePointId=..")
        .Get("servicePointId with a NUL", "api/orders?servicePointId=SP%00")
        .Get("servicePointId with a line feed", "api/orders?servicePointId=SP-1%0A")
        .Get("servicePointId of 65 characters", $"api/orders?servicePointId={new string('S', 65)}"));

    public static TheoryData<string> OrderList => OrderListCases.Names;

    [Theory]
    [MemberData(nameof(OrderList))]
    public Task GET_orders_RefusesBadQueries(string name) => OrderListCases[name].AssertRefusedAsync(host.Http);

    public static readonly BadHttpRequest.Corpus LookupCases = Build(() =>
    {
        var corpus = new BadHttpRequest.Corpus();
        foreach (var (name, segment) in RouteIds)
        {
            var expected = ExpectedFor(name);
            corpus.Get($"GET order: id with {name}", $"api/orders/{segment}", expected);
            corpus.Get($"GET service point: id with {name}", $"api/service-points/{segment}", expected);
            corpus.Raw($"PUT service point: id with {name}", HttpMethod.Put, $"api/service-points/{segment}",
                Utf8("{\"servicePointId\":\"SP-1\",\"commodity\":\"Electric\",\"meter\":null}"), Json, expected);
        }

        static string Point(string meter, string extra = "") => $"{{\"servicePointId\":\"SP-PUT-1\",\"commodity\":\"Electric\",\"meter\":{meter}{extra}}}";
        const string path = "api/service-points/SP-PUT-1";
        void Put(string name, string body, HttpStatusCode expected = BadRequest) => corpus.Raw($"PUT service point: {name}", HttpMethod.Put, path, Utf8(body), Json, expected);
        Put("an empty body", "");
        Put("malformed JSON", "{\"servicePointId\":");
        Put("a JSON array", "[]");
        Put("commodity missing", "{\"servicePointId\":\"SP-PUT-1\",\"meter\":null}");
        Put("commodity unknown", "{\"servicePointId\":\"SP-PUT-1\",\"commodity\":\"Plasma\",\"meter\":null}");
        Put("commodity a number", "{\"servicePointId\":\"SP-PUT-1\",\"commodity\":2,\"meter\":null}");
        Put("meter class unknown", Point("{\"meterId\":\"M-1\",\"class\":\"Quantum\",\"commissioned\":true,\"switch\":\"Connected\"}"));
        Put("meter switch a list of names", Point("{\"meterId\":\"M-1\",\"class\":\"Smart\",\"commissioned\":true,\"switch\":\"Connected, Disconnected\"}"));
        Put("meter id with a slash", Point("{\"meterId\":\"M/1\",\"class\":\"Smart\",\"commissioned\":true,\"switch\":\"Connected\"}"));
        Put("head-end id with a colon", Point("{\"meterId\":\"M-1\",\"class\":\"Smart\",\"commissioned\":true,\"switch\":\"Connected\",\"headEndId\":\"a:b\"}"));
        Put("head-end id with a dot-dot", Point("{\"meterId\":\"M-1\",\"class\":\"Smart\",\"commissioned\":true,\"switch\":\"Connected\",\"headEndId\":\"..\"}"));
        Put("a last reading in year 1", Point("null", ",\"lastReading\":{\"register\":\"1.8.0\",\"value\":1,\"unit\":\"kWh\",\"takenAt\":\"0001-01-01T00:00:00Z\"}"));
        Put("a body naming another service point", "{\"servicePointId\":\"SP-OTHER\",\"commodity\":\"Electric\",\"meter\":null}");
        Put("servicePointId given twice", "{\"servicePointId\":\"SP-PUT-1\",\"servicePointId\":\"SP-OTHER\",\"commodity\":\"Electric\",\"meter\":null}");
        Put("deeply nested JSON", Point(Nested(200)));
        corpus.Raw("PUT service point: oversized body", HttpMethod.Put, path, Utf8("{\"pad\":\"" + new string('x', 70_000) + "\"}"), Json, TooLarge);
        corpus.Raw("PUT service point: text/plain", HttpMethod.Put, path, Utf8(Point("null")), "text/plain", Unsupported);
        return corpus;
    });

    public static TheoryData<string> Lookup => LookupCases.Names;

    [Theory]
    [MemberData(nameof(Lookup))]
    public Task Orders_and_servicePoints_by_id_RefuseBadInput(string name) => LookupCases[name].AssertRefusedAsync(host.Http);

    static BadHttpRequest.Corpus Build(Func<BadHttpRequest.Corpus> build) => build();
}
