using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using ServiceOrders.Cli.Demo;

namespace ServiceOrders.Cli.Integration;

/// <summary>
/// The checks of one <c>integration</c> run, in order. Each prints one line; a check that needs what an earlier one
/// failed to set up fails as "not run". Everything is bounded by the run's timeout; each wait also has its own bound,
/// so that one stuck check leaves time for the others.
/// </summary>
internal sealed class IntegrationRun : IAsyncDisposable
{
    // The documented queues (README, "Queues").
    const string IntakeQueue = "service-order-requests";
    const string PoisonQueue = "service-order-requests-poison";
    const string RepliesQueue = "cis-replies";
    const string EventsQueue = "service-order-events";

    const string ApiKeyHeader = "x-functions-key";
    const string ProblemJson = "application/problem+json";

    static readonly string[] PoisonReasons = ["InvalidRequest", "MalformedRequest", "MessageTooLarge", "UnreadableMessage"];
    static readonly string[] PoisonFields =
        ["messageId", "requestId", "deliveryCount", "reason", "description", "errors", "at", "body", "bodyIsBase64", "bodyTruncated", "bodyLength"];

    static readonly string[] EndKinds = ["Completed", "Failed", "Cancelled", "Rejected"];

    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan OrderWait = TimeSpan.FromSeconds(60);
    static readonly TimeSpan EventWait = TimeSpan.FromSeconds(20);
    static readonly TimeSpan WebhookWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan PickUpWait = TimeSpan.FromSeconds(15);
    static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(5);
    static readonly TimeSpan RejectionWait = TimeSpan.FromSeconds(30);

    readonly Uri api;
    readonly string apiKey;
    readonly StorageQueueInbox queues;
    readonly TimeSpan timeout;
    readonly TimeProvider time;
    readonly CheckReport report;
    readonly HttpClient http;
    readonly long started;

    // What the checks pass on to later ones.
    WebhookReceiver? receiver;
    string? subscriptionId;
    string? intakeJson;
    long intakeSentAt;
    bool completed;
    readonly Dictionary<string, JsonElement> queueEvents = new(StringComparer.Ordinal);

    public IntegrationRun(Uri api, string apiKey, QueueServiceClient storage, TimeSpan timeout, TimeProvider time, CheckReport report)
    {
        this.api = api;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.time = time;
        this.report = report;
        queues = new StorageQueueInbox(storage);
        var root = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/");
        http = new HttpClient { BaseAddress = root, Timeout = RequestTimeout };
        started = time.GetTimestamp();
        Tag = RunTag.New(time);
    }

    /// <summary>Makes this run's ids unique, so that it can run again against a system that keeps its data.</summary>
    public string Tag { get; }

    string RequestId => $"IT-{Tag}";
    string BadRequestId => $"IT-{Tag}-BAD";
    string ServicePointId => $"IT-{Tag}-SP";
    string MeterId => $"IT-{Tag}-M";

    TimeSpan Remaining => timeout - time.GetElapsedTime(started);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Remaining);
        const string noIntake = "the intake message was not sent";

        async Task Check(string title, Func<CancellationToken, Task<string>> check, string? notRun = null)
        {
            if (notRun is not null || budget.IsCancellationRequested)
            {
                report.Fail(title, $"not run: {notRun ?? TimeoutText}");
                return;
            }

            try
            {
                report.Pass(await check(budget.Token));
            }
            catch (CheckFailedException ex)
            {
                report.Fail(title, ex.Message);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                report.Fail(title, $"timed out: {TimeoutText}");
            }
            catch (RequestFailedException ex) when (!cancellationToken.IsCancellationRequested)
            {
                report.Fail(title, ex.Status == 0 ? $"cannot reach the storage account: {ex.Message}" : $"storage answered {ex.Status} {ex.ErrorCode}");
            }
            catch (AggregateException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The storage client's retries all failed; the last try says why.
                report.Fail(title, $"cannot reach the storage account: {Innermost(ex.InnerExceptions[^1]).Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                report.Fail(title, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        await Check("security: 401 problem details without a key and with a wrong key, /api/health open", CheckSecurityAsync);
        await Check("registry: CSV import of a smart electric service point that is off", CheckRegistryImportAsync);
        await Check("webhooks: receiver on 127.0.0.1 subscribed to every event type", SubscribeAsync);
        await Check("intake: ReconnectForPayment request on service-order-requests", SendIntakeAsync);
        await Check("CIS replies: Acknowledged, then Completed with service on and a reading", CheckRepliesAsync,
            intakeJson is null ? noIntake : null);
        await Check("events queue: serviceorder.completed and servicepoint.changed as CloudEvents 1.0", CheckEventsAsync,
            intakeJson is null ? noIntake : null);
        await Check("webhooks: the same events, each with a valid signature", CheckWebhooksAsync,
            intakeJson is null ? noIntake : subscriptionId is null ? "no webhook subscription" : null);
        await Check("duplicate: the same intake message again starts no second order", CheckDuplicateAsync,
            intakeJson is null ? noIntake : null);
        await Check("malformed: unknown request type gets a Rejected reply and goes to the poison queue", CheckMalformedAsync);
    }

    string TimeoutText => string.Create(CultureInfo.InvariantCulture, $"the run's {timeout.TotalSeconds:0} s are spent");

    // 1. Security --------------------------------------------------------------------------------------------------

    async Task<string> CheckSecurityAsync(CancellationToken cancellationToken)
    {
        HttpAnswer? health = null;
        var healthy = await PollAsync("waiting for /api/health", HealthWait, async ct =>
        {
            health = await CallAsync(HttpMethod.Get, "api/health", null, key: null, ct);
            return health.Status == 200;
        }, cancellationToken);
        if (!healthy)
        {
            throw new CheckFailedException($"/api/health without a key answered {health?.Status}, not 200");
        }

        Expect401(await CallAsync(HttpMethod.Get, "api/orders", null, key: null, cancellationToken), "without a key");
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Expect401(await CallAsync(HttpMethod.Get, "api/orders", null, wrongKey, cancellationToken), "with a wrong key");
        return "security: 401 problem details without a key and with a wrong key, /api/health open";
    }

    static void Expect401(HttpAnswer answer, string how)
    {
        if (answer.Status != 401)
        {
            throw new CheckFailedException($"GET /api/orders {how} answered {answer.Status}, not 401");
        }

        if (answer.MediaType != ProblemJson)
        {
            throw new CheckFailedException($"the 401 {how} is {answer.MediaType ?? "without a content type"}, not {ProblemJson}");
        }

        if (JsonFields.ParseObject(answer.Body) is not { } problem || problem.Text("title") is null
            || (problem.Member("status", JsonValueKind.Number) is { } status && status.GetInt32() != 401))
        {
            throw new CheckFailedException($"the 401 {how} is not problem details with a title and status 401");
        }

        if (!answer.WwwAuthenticate.Contains("ApiKey", StringComparison.Ordinal))
        {
            throw new CheckFailedException($"the 401 {how} has no WWW-Authenticate: ApiKey challenge");
        }
    }

    // 2. Registry --------------------------------------------------------------------------------------------------

    async Task<string> CheckRegistryImportAsync(CancellationToken cancellationToken)
    {
        var csv = "servicePointId,commodity,meterId,meterClass,commissioned,switch,intervalCapable,headEndId,unmetered,itemSwitch\n"
            + $"{ServicePointId},Electric,{MeterId},Smart,true,Disconnected,false,default,false,\n";
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var answer = await CallAsync(HttpMethod.Post, "api/service-points/import", content, apiKey, cancellationToken);
        if (answer.Status != 200)
        {
            throw new CheckFailedException($"the import answered {answer.Status}: {Brief(answer.Body)}");
        }

        if (JsonFields.ParseObject(answer.Body)?.Member("imported", JsonValueKind.Number) is not { } imported || imported.GetInt32() != 1)
        {
            throw new CheckFailedException($"the import answered {Brief(answer.Body)}, not {{ imported: 1 }}");
        }

        var point = await CallAsync(HttpMethod.Get, $"api/service-points/{ServicePointId}", null, apiKey, cancellationToken);
        var state = JsonFields.ParseObject(point.Body);
        if (point.Status != 200 || state is null)
        {
            throw new CheckFailedException($"GET /api/service-points/{ServicePointId} answered {point.Status}");
        }

        if (state.Value.Path("meter", "class") != "Smart" || state.Value.Path("meter", "switch") != "Disconnected")
        {
            throw new CheckFailedException($"the registry holds meter class {state.Value.Path("meter", "class")}, switch {state.Value.Path("meter", "switch")}");
        }

        return $"registry: CSV import of {ServicePointId}, smart electric, switch Disconnected";
    }

    // 3. Webhook subscription --------------------------------------------------------------------------------------

    async Task<string> SubscribeAsync(CancellationToken cancellationToken)
    {
        receiver = await WebhookReceiver.StartAsync(Tag, time, cancellationToken);
        var body = $$"""{"url":{{JsonFields.Quote(receiver.Url.AbsoluteUri)}},"eventTypes":["*"],"description":{{JsonFields.Quote($"integration check {Tag}")}}}""";
        var answer = await CallAsync(HttpMethod.Post, "api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"), apiKey, cancellationToken);
        if (answer.Status != 201)
        {
            throw new CheckFailedException($"POST /api/subscriptions answered {answer.Status}: {Brief(answer.Body)}");
        }

        var created = JsonFields.ParseObject(answer.Body);
        if (created?.Text("id") is not { } id || created.Value.Text("secret") is not { } secret)
        {
            throw new CheckFailedException("the 201 answer has no id or no secret");
        }

        if (!secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            throw new CheckFailedException("the secret does not start with whsec_");
        }

        subscriptionId = id;
        receiver.UseSecret(secret);
        return $"webhooks: receiver on {receiver.Url.Authority} subscribed to * ({id})";
    }

    // 4. Intake ----------------------------------------------------------------------------------------------------

    async Task<string> SendIntakeAsync(CancellationToken cancellationToken)
    {
        // The request as a CIS would write it: JSON text, per the README's example of a ServiceOrderRequest.
        var json = $$"""
            {"requestId":"{{RequestId}}","requestType":"ReconnectForPayment","servicePointId":"{{ServicePointId}}","commodity":"Electric","meterId":"{{MeterId}}","readKind":"Scalar","requestingSystem":"CIS"}
            """;
        intakeSentAt = time.GetTimestamp();
        await queues.SendJsonAsync(IntakeQueue, json, cancellationToken);
        intakeJson = json;
        return $"intake: ReconnectForPayment {RequestId} on {IntakeQueue} (base64 JSON)";
    }

    // 5. CIS replies -----------------------------------------------------------------------------------------------

    async Task<string> CheckRepliesAsync(CancellationToken cancellationToken)
    {
        var replies = new List<QueueDocument>();
        await PollAsync("waiting for the CIS replies", OrderWait, async ct =>
        {
            replies.AddRange(await queues.SweepAsync(RepliesQueue, r => r.Text("requestId") == RequestId, take: true, ct));
            return replies.Any(r => EndKinds.Contains(r.Root.Text("kind")));
        }, cancellationToken, () => $"got {Kinds(replies)}");
        var seconds = time.GetElapsedTime(intakeSentAt).TotalSeconds;

        var end = replies.FirstOrDefault(r => EndKinds.Contains(r.Root.Text("kind")));
        if (end is null)
        {
            throw new CheckFailedException(string.Create(CultureInfo.InvariantCulture,
                $"no Completed reply within {OrderWait.TotalSeconds:0} s; got {Kinds(replies)}"));
        }

        if (end.Root.Text("kind") != "Completed")
        {
            throw new CheckFailedException($"the order ended {end.Root.Text("kind")}: {end.Root.Text("reasonCode")} {end.Root.Text("detail")}");
        }

        var acknowledged = replies.FirstOrDefault(r => r.Root.Text("kind") == "Acknowledged")
            ?? throw new CheckFailedException($"Completed without an Acknowledged reply; got {Kinds(replies)}");
        if (acknowledged.InsertedOn > end.InsertedOn)
        {
            throw new CheckFailedException("Completed came before Acknowledged");
        }

        foreach (var reply in replies)
        {
            var kind = reply.Root.Text("kind");
            if (reply.Root.Text("messageId") != $"{RequestId}.{kind}")
            {
                throw new CheckFailedException($"the {kind} reply has messageId {reply.Root.Text("messageId")}, not {RequestId}.{kind}");
            }

            if (!reply.WasBase64)
            {
                throw new CheckFailedException($"the {kind} reply is plain text, not base64-encoded JSON");
            }
        }

        var switchState = end.Root.Path("finalState", "meter", "switch");
        if (switchState != "Connected")
        {
            throw new CheckFailedException($"the Completed reply's final state has switch {switchState ?? "missing"}, not Connected");
        }

        var readings = end.Root.Member("readings", JsonValueKind.Array)?.GetArrayLength() ?? 0;
        if (readings == 0)
        {
            throw new CheckFailedException("the Completed reply has no readings");
        }

        completed = true;
        return string.Create(CultureInfo.InvariantCulture,
            $"CIS replies: Acknowledged, then Completed after {seconds:0.0} s (switch Connected, {readings} reading{(readings == 1 ? "" : "s")})");
    }

    // 6. Events queue ----------------------------------------------------------------------------------------------

    async Task<string> CheckEventsAsync(CancellationToken cancellationToken)
    {
        var source = CloudEventShape.SourceOf(RequestId);
        await PollAsync("waiting for the events", EventWait, async ct =>
        {
            foreach (var e in await queues.SweepAsync(EventsQueue, e => e.Text("source") == source, take: true, ct))
            {
                queueEvents.TryAdd(e.Root.Text("id") ?? e.MessageId, e.Root);
                if (!e.WasBase64)
                {
                    throw new CheckFailedException($"event {e.Root.Text("id")} is plain text, not base64-encoded JSON");
                }
            }

            return HasBothTypes(queueEvents.Values);
        }, cancellationToken);

        var types = queueEvents.Values.Select(e => e.Text("type")).ToList();
        if (!HasBothTypes(queueEvents.Values))
        {
            throw new CheckFailedException(queueEvents.Count == 0
                ? "no event for the order on the queue"
                : $"only {string.Join(", ", types.Select(ShortType))} on the queue");
        }

        if (queueEvents.Values.Select(e => CloudEventShape.Problem(e, RequestId, ServicePointId)).OfType<string>().FirstOrDefault() is { } problem)
        {
            throw new CheckFailedException(problem);
        }

        return $"events queue: {string.Join(", ", types.Order(StringComparer.Ordinal).Select(ShortType))} as CloudEvents 1.0";
    }

    static bool HasBothTypes(IEnumerable<JsonElement> events)
    {
        var types = events.Select(e => e.Text("type")).ToHashSet();
        return types.Contains(CloudEventShape.OrderCompleted) && types.Contains(CloudEventShape.ServicePointChanged);
    }

    static string ShortType(string? type) =>
        type is not null && type.StartsWith(CloudEventShape.TypePrefix, StringComparison.Ordinal) ? type[CloudEventShape.TypePrefix.Length..] : type ?? "?";

    // 7. Webhooks --------------------------------------------------------------------------------------------------

    async Task<string> CheckWebhooksAsync(CancellationToken cancellationToken)
    {
        var source = CloudEventShape.SourceOf(RequestId);
        Dictionary<string, (ReceivedWebhook Request, JsonElement Event)> Ours()
        {
            var ours = new Dictionary<string, (ReceivedWebhook, JsonElement)>(StringComparer.Ordinal);
            foreach (var request in receiver!.Received)
            {
                // A repeat carries the same webhook-id; a receiver drops it.
                if (JsonFields.ParseObject(Encoding.UTF8.GetString(request.Body)) is { } e && e.Text("source") == source)
                {
                    ours.TryAdd(request.WebhookId ?? e.Text("id") ?? "", (request, e));
                }
            }

            return ours;
        }

        bool AllThere(Dictionary<string, (ReceivedWebhook Request, JsonElement Event)> ours) => queueEvents.Count > 0
            ? queueEvents.Keys.All(ours.ContainsKey)
            : HasBothTypes(ours.Values.Select(o => o.Event));

        await PollAsync("waiting for the webhook requests", WebhookWait, _ => Task.FromResult(AllThere(Ours())), cancellationToken);
        var received = Ours();
        if (!AllThere(received))
        {
            var missing = queueEvents.Count > 0
                ? queueEvents.Where(q => !received.ContainsKey(q.Key)).Select(q => ShortType(q.Value.Text("type")))
                : ["serviceorder.completed or servicepoint.changed"];
            throw new CheckFailedException(string.Create(CultureInfo.InvariantCulture,
                $"not received within {WebhookWait.TotalSeconds:0} s: {string.Join(", ", missing)}"));
        }

        // Every request the receiver got must be genuine, this order's or not.
        if (receiver!.Received.FirstOrDefault(r => r.Refusal is not null) is { } refused)
        {
            throw new CheckFailedException($"request {refused.WebhookId ?? "without webhook-id"} refused: {refused.Refusal}");
        }

        foreach (var (id, (request, e)) in received)
        {
            if (request.ContentType is not { } contentType || !contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase))
            {
                throw new CheckFailedException($"event {id} came as {request.ContentType ?? "no content type"}, not application/cloudevents+json");
            }

            if (e.Text("id") != request.WebhookId)
            {
                throw new CheckFailedException($"webhook-id {request.WebhookId} is not the event id {e.Text("id")}");
            }

            if (CloudEventShape.Problem(e, RequestId, ServicePointId) is { } problem)
            {
                throw new CheckFailedException(problem);
            }

            if (queueEvents.Count > 0)
            {
                if (!queueEvents.TryGetValue(id, out var queued))
                {
                    throw new CheckFailedException($"event {ShortType(e.Text("type"))} {id} is not on the events queue");
                }

                if (CloudEventShape.Difference(queued, e) is { } difference)
                {
                    throw new CheckFailedException($"event {id} differs from the events queue's copy: {difference}");
                }
            }
        }

        // A repeat is allowed only when the dispatcher stopped between a send and its record; worth a word.
        var repeats = receiver.Received.Count(r => r.WebhookId is { } id && received.ContainsKey(id)) - received.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"webhooks: the same {received.Count} events, each signed (v1 HMAC-SHA256 verified){(repeats > 0 ? $", {repeats} repeat(s) dropped" : "")}");
    }

    // 8. Duplicate -------------------------------------------------------------------------------------------------

    async Task<string> CheckDuplicateAsync(CancellationToken cancellationToken)
    {
        await queues.SendJsonAsync(IntakeQueue, intakeJson!, cancellationToken);

        // Taken off the intake queue: no longer visible there (it may be invisible while handled, then deleted).
        var pickedUp = await PollAsync("waiting for the repeated message to be taken", PickUpWait, async ct =>
            !(await queues.PeekAsync(IntakeQueue, ct)).Any(m => m.Root.Text("requestId") == RequestId), cancellationToken);
        if (!pickedUp)
        {
            throw new CheckFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the repeated message is still on {IntakeQueue} after {PickUpWait.TotalSeconds:0} s"));
        }

        var replies = new List<QueueDocument>();
        await PollAsync("watching for replies to the repeated message", QuietWindow, async ct =>
        {
            replies.AddRange(await queues.SweepAsync(RepliesQueue, r => r.Text("requestId") == RequestId, take: true, ct));
            return false;
        }, cancellationToken);
        if (replies.Count > 0)
        {
            throw new CheckFailedException($"the repeated message got a reply: {Kinds(replies)}");
        }

        var list = await CallAsync(HttpMethod.Get, $"api/orders?servicePointId={ServicePointId}", null, apiKey, cancellationToken);
        if (list.Status != 200 || JsonFields.ParseObject(list.Body)?.Member("items", JsonValueKind.Array) is not { } orders)
        {
            throw new CheckFailedException($"GET /api/orders?servicePointId= answered {list.Status}, not a page of orders: {Brief(list.Body)}");
        }

        var ids = orders.EnumerateArray().Select(o => o.Text("orderId")).ToList();
        if (ids.Count != 1 || ids[0] != RequestId)
        {
            throw new CheckFailedException($"the service point has {ids.Count} orders: {string.Join(", ", ids)}");
        }

        var status = orders[0].Text("status");
        if (completed && status != "Completed")
        {
            throw new CheckFailedException($"the order's status is now {status}, not Completed");
        }

        var poisoned = await queues.SweepAsync(PoisonQueue, p => p.Text("requestId") == RequestId, take: false, cancellationToken);
        if (poisoned.Count > 0)
        {
            throw new CheckFailedException($"the repeated message went to {PoisonQueue} ({poisoned[0].Root.Text("reason")})");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"duplicate: the same message again started nothing (1 order, {status}; no reply within {QuietWindow.TotalSeconds:0} s)");
    }

    // 9. Malformed -------------------------------------------------------------------------------------------------

    async Task<string> CheckMalformedAsync(CancellationToken cancellationToken)
    {
        var json = $$"""
            {"requestId":"{{BadRequestId}}","requestType":"TeleportService","servicePointId":"{{ServicePointId}}","commodity":"Electric","requestingSystem":"CIS"}
            """;
        await queues.SendJsonAsync(IntakeQueue, json, cancellationToken);

        QueueDocument? reply = null;
        QueueDocument? poison = null;
        await PollAsync("waiting for the rejection", RejectionWait, async ct =>
        {
            reply ??= (await queues.SweepAsync(RepliesQueue, r => r.Text("requestId") == BadRequestId, take: true, ct)) is [var r, ..] ? r : null;
            poison ??= (await queues.SweepAsync(PoisonQueue, p => p.Text("requestId") == BadRequestId, take: true, ct)) is [var p, ..] ? p : null;
            return reply is not null && poison is not null;
        }, cancellationToken);

        if (reply is null || poison is null)
        {
            var missing = reply is null && poison is null ? "neither a reply nor a poison message" : reply is null ? "no reply" : $"nothing on {PoisonQueue}";
            throw new CheckFailedException(string.Create(CultureInfo.InvariantCulture, $"{missing} within {RejectionWait.TotalSeconds:0} s"));
        }

        var r = reply.Root;
        if (r.Text("kind") != "Rejected" || r.Text("messageId") != $"{BadRequestId}.Rejected")
        {
            throw new CheckFailedException($"the reply is {r.Text("kind")} ({r.Text("messageId")}), not Rejected ({BadRequestId}.Rejected)");
        }

        var errors = r.Member("errors", JsonValueKind.Array)?.EnumerateArray().ToList() ?? [];
        if (errors.Count == 0 || errors.Any(e => e.Text("code") is null || e.Text("message") is null))
        {
            throw new CheckFailedException("the Rejected reply does not list its errors, each with a code and a message");
        }

        var p = poison.Root;
        if (PoisonFields.Where(f => !p.TryGetProperty(f, out _)).ToList() is { Count: > 0 } absent)
        {
            throw new CheckFailedException($"the poison message lacks {string.Join(", ", absent)}");
        }

        var reason = p.Text("reason");
        if (reason is null || !PoisonReasons.Contains(reason))
        {
            throw new CheckFailedException($"the poison message's reason is {reason ?? "missing"}, not one of {string.Join(", ", PoisonReasons)}");
        }

        if (string.IsNullOrWhiteSpace(p.Text("description")))
        {
            throw new CheckFailedException("the poison message has no description");
        }

        if (p.Text("body") != json || p.Member("bodyIsBase64", JsonValueKind.False) is null)
        {
            throw new CheckFailedException("the poison message does not carry the message's body as sent");
        }

        var first = errors[0];
        return $"malformed: Rejected reply ({first.Text("code")} on {first.Text("field") ?? "?"}), poison queue reason {reason}";
    }

    // Helpers ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Calls <paramref name="done"/> every <see cref="PollInterval"/> until it holds or <paramref name="bound"/> has
    /// passed; shows what it waits for meanwhile. False when the bound passed first. When the run's time ends before
    /// the bound, the token cancels the wait, and the check fails as timed out.
    /// </summary>
    async Task<bool> PollAsync(string what, TimeSpan bound, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken, Func<string>? state = null)
    {
        var pollStarted = time.GetTimestamp();
        while (true)
        {
            if (await done(cancellationToken))
            {
                return true;
            }

            var elapsed = time.GetElapsedTime(pollStarted);
            if (elapsed >= bound)
            {
                return false;
            }

            var extra = state is null ? "" : $", {state()}";
            report.Status.Show(string.Create(CultureInfo.InvariantCulture, $"  … {what} ({elapsed.TotalSeconds:0} s{extra})"));
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    async Task<HttpAnswer> CallAsync(HttpMethod method, string path, HttpContent? content, string? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyHeader, key);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new HttpAnswer(
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                body,
                string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())));
        }
        catch (HttpRequestException ex)
        {
            throw new CheckFailedException($"cannot reach {api}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CheckFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{method} /{path.Split('?')[0]} got no answer within {RequestTimeout.TotalSeconds:0} s"));
        }
    }

    static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    static string Kinds(IEnumerable<QueueDocument> replies) =>
        replies.Select(r => r.Root.Text("kind") ?? "?").ToList() is { Count: > 0 } kinds ? string.Join(", ", kinds) : "no reply";

    static string Brief(string body) => body.Length <= 120 ? body : body[..119] + "…";

    public async ValueTask DisposeAsync()
    {
        // The subscription was only for this run; it goes, whatever the checks found.
        if (subscriptionId is not null)
        {
            try
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await CallAsync(HttpMethod.Delete, $"api/subscriptions/{Uri.EscapeDataString(subscriptionId)}", null, apiKey, cleanup.Token);
            }
            catch (Exception ex) when (ex is CheckFailedException or OperationCanceledException)
            {
                // Best effort: a fresh system is thrown away anyway.
            }
        }

        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }

        http.Dispose();
    }

    sealed record HttpAnswer(int Status, string? MediaType, string Body, string WwwAuthenticate);
}
