using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// One bad call to an HTTP route, and the status a caller must get for it. <see cref="ByServer"/>: the HTTP server
/// itself refuses the request line (a NUL in the path) before any route sees it, with a bare 400.
/// </summary>
public sealed record BadHttpRequest(string Name, HttpMethod Method, string Path, byte[]? Body, string ContentType, HttpStatusCode Expected, bool ByServer = false)
{
    public override string ToString() => Name;

    /// <summary>The cases of one route, by name; the names are the theory data, so each case shows as its own test.</summary>
    public sealed class Corpus
    {
        readonly Dictionary<string, BadHttpRequest> cases = new(StringComparer.Ordinal);

        public BadHttpRequest this[string name] => cases[name];

        public TheoryData<string> Names
        {
            get
            {
                var names = new TheoryData<string>();
                foreach (var name in cases.Keys)
                {
                    names.Add(name);
                }

                return names;
            }
        }

        public Corpus Json(string name, string path, string? json, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
            Add(new(name, HttpMethod.Post, path, json is null ? null : Encoding.UTF8.GetBytes(json), "application/json", expected));

        public Corpus Raw(string name, HttpMethod method, string path, byte[]? body, string contentType, HttpStatusCode expected) =>
            Add(new(name, method, path, body, contentType, expected, ByServer: path.Contains("%00", StringComparison.Ordinal)));

        public Corpus Get(string name, string path, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
            Add(new(name, HttpMethod.Get, path, null, "application/json", expected, ByServer: path.Split('?')[0].Contains("%00", StringComparison.Ordinal)));

        Corpus Add(BadHttpRequest request)
        {
            cases.Add(request.Name, request.ByServer ? request with { Expected = HttpStatusCode.BadRequest } : request);
            return this;
        }
    }

    /// <summary>
    /// Sends the call and checks what every caller relies on: the expected status, never a 500, and problem details
    /// that say what is wrong. Returns the problem for further checks.
    /// </summary>
    public async Task<JsonElement> AssertRefusedAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Expected == response.StatusCode, $"{Name}: expected {(int)Expected}, got {(int)response.StatusCode}: {text}");
        if (ByServer)
        {
            return default;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(problem.TryGetProperty("status", out var status) && status.GetInt32() == (int)Expected, $"{Name}: the problem has no status {(int)Expected}: {text}");
        Assert.True(problem.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()), $"{Name}: the problem has no title: {text}");
        Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"{Name}: the problem has no detail: {text}");
        return problem;
    }
}

/// <summary>Pieces of bad input shared by the corpora.</summary>
public static class BadValues
{
    /// <summary>Ids that must never become an order, activity or table key, as raw JSON string contents.</summary>
    public static readonly (string Name, string Json)[] Ids =
    [
        ("a slash", "a/b"),
        ("a backslash", "a\\\\b"),
        ("a dot-dot", ".."),
        ("a dot-dot path", "../../etc"),
        ("an encoded slash", "a%2Fb"),
        ("a NUL", "R1\\u0000"),
        ("a trailing line feed", "R1\\n"),
        ("a DEL", "R1\\u007f"),
        ("a space", "R 1"),
        ("an empty id", ""),
        ("65 characters", new string('A', 65)),
        ("4000 characters", new string('A', 4000)),
    ];

    /// <summary>Dates no order can have, as JSON strings.</summary>
    public static readonly (string Name, string Json)[] Dates =
    [
        ("year 1", "\"0001-01-01T00:00:00Z\""),
        ("DateTimeOffset.MinValue with an offset", "\"0001-01-01T00:00:00+14:00\""),
        ("year 9999", "\"9999-12-31T23:59:59.9999999Z\""),
        ("DateTimeOffset.MaxValue with an offset", "\"9999-12-31T23:59:59.9999999-14:00\""),
        ("a century ago", "\"1925-06-01T00:00:00Z\""),
        ("a century ahead", "\"2125-06-01T00:00:00Z\""),
        ("not a date", "\"soon\""),
        ("a month 13", "\"2025-13-45T00:00:00Z\""),
        ("a number", "1700000000"),
    ];

    /// <summary>A JSON value nested deeper than any reader here accepts.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
