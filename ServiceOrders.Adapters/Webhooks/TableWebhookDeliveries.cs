using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>How a dispatcher may go on with a job it took from the queue.</summary>
public enum ClaimVerdict
{
    /// <summary>Send this try; the claim's tag guards the record.</summary>
    Send,

    /// <summary>This try was recorded and needs a retry, but the job stopped before it was queued: queue the next try.</summary>
    QueueNext,

    /// <summary>Another copy of the job is being sent, or the event is done with: send nothing.</summary>
    Duplicate,
}

/// <summary>The dispatcher's hold on one delivery key for one try.</summary>
/// <summary>What asking for a redelivery found.</summary>
public enum RedeliveryVerdict
{
    /// <summary>The delivery had ended; the event may be sent again.</summary>
    Taken,

    /// <summary>A try or a retry of it is pending.</summary>
    UnderWay,

    /// <summary>The event was never sent to the subscription, or is not kept.</summary>
    NotFound,
}

public sealed record WebhookClaim(ClaimVerdict Verdict, ETag ETag, DateTimeOffset? NextAttemptAt = null, string? Reason = null);

/// <summary>
/// Delivery records in Azure Tables, one partition per subscription. Each try is a row (<c>attempt:</c> keys, newest
/// first). Beside them, one <c>key:</c> row per notification holds the state of its delivery: which try is being
/// sent and by which queue message, or how it ended. A dispatcher claims that row (with its ETag) before it sends, and
/// writes the try's record and the row's new state in one transaction, so a job enqueued twice is sent once.
/// </summary>
public sealed class TableWebhookDeliveries(StorageTables tables)
{
    public const string TableName = "WebhookDeliveries";
    const string AttemptPrefix = "attempt:";
    const string KeyPrefix = "key:";
    const int MaxClaimRounds = 5;

    enum KeyState
    {
        Sending,
        Waiting,
        Done,
    }

    /// <summary>
    /// Takes the key of <paramref name="job"/> for its try, as queue message <paramref name="messageId"/>. The same
    /// message seen again (after a stop) gets its claim back; any other copy is a duplicate.
    /// </summary>
    public async Task<WebhookClaim> ClaimAsync(WebhookDeliveryJob job, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var rowKey = KeyRow(job.Notification.NotificationId);
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(job.SubscriptionId, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    if (job.Attempt != 1)
                    {
                        return Duplicate("no delivery of this event is under way");
                    }

                    var created = new TableEntity(job.SubscriptionId, rowKey) { [NotificationColumn] = Serialize(job.Notification) };
                    SetState(created, KeyState.Sending, job.Attempt, messageId);
                    using var added = await table.AddEntityAsync(created, cancellationToken);
                    return new WebhookClaim(ClaimVerdict.Send, added.Headers.ETag ?? ETag.All);
                }

                var row = found.Value!;
                var state = Enum.Parse<KeyState>(row.GetString(nameof(KeyState))!);
                var attempt = row.GetInt32("Attempt") ?? 0;
                var claimedBy = row.GetString("MessageId");
                switch (state)
                {
                    case KeyState.Done:
                        return Duplicate($"the event was handled already: {row.GetString("Outcome")}");
                    case KeyState.Sending when attempt == job.Attempt && claimedBy == messageId:
                        // This message came back after its dispatcher stopped mid-send: it cannot know whether the
                        // receiver got the event, so it sends again, with the same webhook-id.
                        return new WebhookClaim(ClaimVerdict.Send, row.ETag);
                    case KeyState.Sending:
                        return Duplicate("another copy of this job is being sent");
                    case KeyState.Waiting when attempt == job.Attempt && claimedBy == messageId:
                        return new WebhookClaim(ClaimVerdict.QueueNext, row.ETag, row.GetDateTimeOffset("NextAttemptAt"));
                    case KeyState.Waiting when attempt == job.Attempt - 1:
                        SetState(row, KeyState.Sending, job.Attempt, messageId);
                        using (var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken))
                        {
                            return new WebhookClaim(ClaimVerdict.Send, updated.Headers.ETag ?? ETag.All);
                        }

                    default:
                        return Duplicate($"try {job.Attempt} is not the next one (try {attempt} was {state})");
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another copy claimed the key between our read and write: read again and decide anew.
            }
        }

        throw new InvalidOperationException($"Could not claim delivery {job.Key}: it kept changing.");
    }

    /// <summary>
    /// Records a try and moves its key on, in one transaction: to <c>Waiting</c> when the record's <c>NextAttemptAt</c>
    /// is set, to done otherwise. Fails when the claim was lost, so nothing is recorded twice.
    /// </summary>
    public async Task RecordAsync(
        WebhookDeliveryJob job, string messageId, WebhookClaim claim, WebhookDeliveryRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var key = new TableEntity(job.SubscriptionId, KeyRow(job.Notification.NotificationId)) { [NotificationColumn] = Serialize(job.Notification) };
        SetState(key, record.NextAttemptAt is null ? KeyState.Done : KeyState.Waiting, job.Attempt, messageId);
        key["Outcome"] = record.Outcome.ToString();
        key["NextAttemptAt"] = record.NextAttemptAt;
        await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(job.SubscriptionId, record)),
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, key, claim.ETag),
            ],
            cancellationToken);
    }

    /// <summary>
    /// Makes a delivery that has ended (delivered or failed) sendable again, for a person who asks for it: the event as it
    /// was sent, with its key cleared so that a new first try may claim it. <see cref="RedeliveryVerdict.UnderWay"/> while
    /// a try or a retry is pending; <see cref="RedeliveryVerdict.NotFound"/> when the event was never sent to the
    /// subscription or was sent before events were kept.
    /// </summary>
    public async Task<(RedeliveryVerdict Verdict, SubscriberNotification? Notification)> TakeForRedeliveryAsync(
        string subscriptionId, string eventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(subscriptionId, KeyRow(eventId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString(NotificationColumn) is not { } json
            || JsonSerializer.Deserialize<SubscriberNotification>(json, ServiceOrdersJson.Options) is not { } notification)
        {
            return (RedeliveryVerdict.NotFound, null);
        }

        if (found.Value.GetString(nameof(KeyState)) != nameof(KeyState.Done))
        {
            return (RedeliveryVerdict.UnderWay, null);
        }

        try
        {
            await table.DeleteEntityAsync(subscriptionId, found.Value.RowKey, found.Value.ETag, cancellationToken);
            return (RedeliveryVerdict.Taken, notification);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return (RedeliveryVerdict.UnderWay, null);
        }
    }

    const string NotificationColumn = "Notification";

    static string Serialize(SubscriberNotification notification) =>
        JsonSerializer.Serialize(notification, ServiceOrdersJson.Options);

    /// <summary>Records a job that was dropped without a send; its key stays as it is.</summary>
    public async Task RecordDroppedAsync(string subscriptionId, WebhookDeliveryRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.AddEntityAsync(ToEntity(subscriptionId, record), cancellationToken);
    }

    /// <summary>The latest tries of a subscription's deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListRecentAsync(string subscriptionId, int top, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {subscriptionId} and RowKey ge {AttemptPrefix} and RowKey lt {AfterPrefix(AttemptPrefix)}");
        var records = new List<WebhookDeliveryRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: top, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } record)
            {
                records.Add(record);
            }

            if (records.Count == top)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>Removes a subscription's records and keys, a hundred rows per transaction.</summary>
    public async Task DeleteAllAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var batch = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == subscriptionId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == 100)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    static WebhookClaim Duplicate(string reason) => new(ClaimVerdict.Duplicate, default, Reason: reason);

    static void SetState(TableEntity row, KeyState state, int attempt, string messageId)
    {
        row[nameof(KeyState)] = state.ToString();
        row["Attempt"] = attempt;
        row["MessageId"] = messageId;
    }

    /// <summary>Newest first: the row key starts with the time counted back from the end of time.</summary>
    static TableEntity ToEntity(string subscriptionId, WebhookDeliveryRecord record) =>
        new(subscriptionId, $"{AttemptPrefix}{DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks:D19}:{Guid.NewGuid():N}")
        {
            [nameof(WebhookDeliveryRecord.EventId)] = record.EventId,
            [nameof(WebhookDeliveryRecord.Type)] = record.Type,
            [nameof(WebhookDeliveryRecord.Attempt)] = record.Attempt,
            [nameof(WebhookDeliveryRecord.StatusCode)] = record.StatusCode,
            [nameof(WebhookDeliveryRecord.Outcome)] = record.Outcome.ToString(),
            [nameof(WebhookDeliveryRecord.At)] = record.At,
            [nameof(WebhookDeliveryRecord.Error)] = record.Error,
            [nameof(WebhookDeliveryRecord.NextAttemptAt)] = record.NextAttemptAt,
        };

    static WebhookDeliveryRecord? FromEntity(TableEntity row) =>
        row.GetString(nameof(WebhookDeliveryRecord.EventId)) is { } eventId
        && Enum.TryParse<WebhookDeliveryOutcome>(row.GetString(nameof(WebhookDeliveryRecord.Outcome)), out var outcome)
        && row.GetDateTimeOffset(nameof(WebhookDeliveryRecord.At)) is { } at
            ? new WebhookDeliveryRecord(
                eventId,
                row.GetString(nameof(WebhookDeliveryRecord.Type)) ?? "",
                row.GetInt32(nameof(WebhookDeliveryRecord.Attempt)) ?? 0,
                row.GetInt32(nameof(WebhookDeliveryRecord.StatusCode)),
                outcome,
                at,
                row.GetString(nameof(WebhookDeliveryRecord.Error)),
                row.GetDateTimeOffset(nameof(WebhookDeliveryRecord.NextAttemptAt)))
            : null;

    /// <summary>A row key for a notification id, which may hold characters a row key may not (/ \ # ? and controls).</summary>
    static string KeyRow(string notificationId) =>
        notificationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':')
            ? KeyPrefix + notificationId
            : KeyPrefix + "~" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(notificationId));

    static string AfterPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
