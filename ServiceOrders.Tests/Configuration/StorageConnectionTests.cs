using Microsoft.Extensions.Configuration;
using ServiceOrders.Adapters.Storage;

namespace ServiceOrders.Tests.Configuration;

public class StorageConnectionTests
{
    static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void AConnectionString_IsUsedAsItIs()
    {
        var connection = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void AnAccountName_MeansAnIdentityBasedConnectionToThatAccount()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "stserviceorders"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Null(connection.ConnectionString);
        Assert.NotNull(connection.Credential);
        Assert.Equal(new Uri("https://stserviceorders.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stserviceorders.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stserviceorders.blob.core.windows.net"), connection.BlobServiceUri);
    }

    [Fact]
    public void ServiceUris_OverrideTheOnesTheAccountNameImplies()
    {
        var connection = From(
            ("AzureWebJobsStorage:accountName", "stserviceorders"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example.net"));

        Assert.Equal(new Uri("https://queues.example.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stserviceorders.table.core.windows.net"), connection.TableServiceUri);
    }

    [Fact]
    public void NoStorageSetting_IsAClearStartUpError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }
}
