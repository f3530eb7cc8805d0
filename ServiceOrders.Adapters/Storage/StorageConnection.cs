using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The storage account, named the way Azure Functions names it: a connection string in <c>AzureWebJobsStorage</c>
/// (Azurite, development), or an identity-based connection in <c>AzureWebJobsStorage__accountName</c> (or the
/// <c>__queueServiceUri</c> / <c>__tableServiceUri</c> / <c>__blobServiceUri</c> settings) with a managed identity
/// or developer credential, optionally a user-assigned identity in <c>__clientId</c>.
/// </summary>
public sealed class StorageConnection
{
    StorageConnection(string? connectionString, string? accountName, Uri? queueUri, Uri? tableUri, Uri? blobUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        QueueServiceUri = queueUri;
        TableServiceUri = tableUri;
        BlobServiceUri = blobUri;
        Credential = credential;
    }

    public string? ConnectionString { get; }

    public string? AccountName { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public Uri? BlobServiceUri { get; }

    public TokenCredential? Credential { get; }

    /// <summary>An account reached with a connection string (Azurite, development).</summary>
    public static StorageConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null, null, null);

    public static StorageConnection From(IConfiguration configuration, string name = WorkflowServices.StorageConnectionSetting)
    {
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(name);
        var account = section["accountName"];
        Uri? Endpoint(string setting, string service) =>
            section[setting] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;

        var queues = Endpoint("queueServiceUri", "queue");
        var tables = Endpoint("tableServiceUri", "table");
        var blobs = Endpoint("blobServiceUri", "blob");
        if (queues is null || tables is null || blobs is null)
        {
            throw new InvalidOperationException(
                $"Set {name} to a connection string, or {name}__accountName (or the {name}__*ServiceUri settings) for an identity-based connection.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageConnection(null, account, queues, tables, blobs, credential);
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri!, Credential!, options);
    }

    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString) : new TableServiceClient(TableServiceUri!, Credential!);
}
