using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>Webhook subscriptions in Azure Tables: one row each in one partition, keyed by subscription id.</summary>
public sealed class TableWebhookSubscriptions(StorageTables tables)
{
    public const string TableName = "WebhookSubscriptions";
    const string Partition = "subscription";

    public async Task AddAsync(WebhookSubscription subscription, string secret, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.AddEntityAsync(ToEntity(subscription, secret), cancellationToken);
    }

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await GetSignedAsync(id, cancellationToken))?.Subscription;

    public async Task<SignedSubscription?> GetSignedAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Every subscription, oldest first (ids grow with time).</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var all = new List<WebhookSubscription>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } signed)
            {
                all.Add(signed.Subscription);
            }
        }

        return all;
    }

    /// <summary>Stops deliveries to a subscription; disabling one that is disabled already keeps the first reason.</summary>
    public async Task DisableAsync(string id, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString(nameof(WebhookSubscription.Status)) == nameof(WebhookSubscriptionStatus.Disabled))
        {
            return;
        }

        var entity = row.Value;
        entity[nameof(WebhookSubscription.Status)] = nameof(WebhookSubscriptionStatus.Disabled);
        entity[nameof(WebhookSubscription.DisabledAt)] = at;
        entity[nameof(WebhookSubscription.DisabledReason)] = reason;
        try
        {
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Deleted or changed meanwhile: either way it is no longer an active subscription to this dispatcher.
        }
    }

    /// <summary>Returns false when there was no such subscription.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        using var response = await table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    static TableEntity ToEntity(WebhookSubscription subscription, string secret) => new(Partition, subscription.Id)
    {
        [nameof(WebhookSubscription.Url)] = subscription.Url,
        [nameof(WebhookSubscription.EventTypes)] = JsonSerializer.Serialize(subscription.EventTypes, ServiceOrdersJson.Options),
        [nameof(WebhookSubscription.Description)] = subscription.Description,
        [nameof(WebhookSubscription.CreatedAt)] = subscription.CreatedAt,
        [nameof(WebhookSubscription.Status)] = subscription.Status.ToString(),
        [nameof(SignedSubscription.Secret)] = secret,
    };

    static SignedSubscription? FromEntity(TableEntity row)
    {
        var eventTypes = JsonSerializer.Deserialize<string[]>(row.GetString(nameof(WebhookSubscription.EventTypes)) ?? "[]", ServiceOrdersJson.Options);
        if (row.GetString(nameof(WebhookSubscription.Url)) is not { } url || row.GetString(nameof(SignedSubscription.Secret)) is not { } secret
            || eventTypes is null || row.GetDateTimeOffset(nameof(WebhookSubscription.CreatedAt)) is not { } createdAt)
        {
            return null;
        }

        var status = Enum.TryParse<WebhookSubscriptionStatus>(row.GetString(nameof(WebhookSubscription.Status)), out var parsed)
            ? parsed
            : WebhookSubscriptionStatus.Active;
        var subscription = new WebhookSubscription(
            row.RowKey,
            url,
            eventTypes,
            row.GetString(nameof(WebhookSubscription.Description)),
            createdAt,
            status,
            row.GetDateTimeOffset(nameof(WebhookSubscription.DisabledAt)),
            row.GetString(nameof(WebhookSubscription.DisabledReason)));
        return new SignedSubscription(subscription, secret);
    }
}
