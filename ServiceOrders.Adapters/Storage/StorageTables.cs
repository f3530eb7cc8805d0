using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace ServiceOrders.Adapters.Storage;

/// <summary>Hands out table clients, creating each table the first time it is used.</summary>
public sealed class StorageTables(TableServiceClient service)
{
    readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new();

    public async Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var client = service.GetTableClient(n);
            await client.CreateIfNotExistsAsync(CancellationToken.None);
            return client;
        }));

        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            tables.TryRemove(name, out _);
            throw;
        }
    }
}
