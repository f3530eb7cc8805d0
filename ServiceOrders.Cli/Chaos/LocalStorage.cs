using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ServiceOrders.Cli.Chaos;

/// <summary>Clients for the storage account the local system runs on, as an outside system would open them.</summary>
internal static class LocalStorage
{
    /// <summary>The product's queues carry Base64-encoded messages (see QueueNames).</summary>
    public static QueueServiceClient Queues(string connectionString) =>
        new(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static TableServiceClient Tables(string connectionString) => new(connectionString);
}
