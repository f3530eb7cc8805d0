using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Host.Engine;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Configuration;

/// <summary>
/// The standalone host's engine settings (section <c>Durable</c>): how fast a dead host's partitions are taken over,
/// bound and checked as the host binds them, and handed to the Azure Storage provider unchanged.
/// </summary>
public sealed class DurableEngineOptionsTests
{
    static DurableEngineOptions Bind(IEnumerable<KeyValuePair<string, string?>> settings, params string[] jsonFiles)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in jsonFiles)
        {
            builder.AddJsonFile(file, optional: false);
        }

        var configuration = builder.AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<DurableEngineOptions>()
            .Bind(configuration.GetSection(DurableEngineOptions.SectionName))
            .ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
    }

    static DurableEngineOptions Bind(params (string Key, string Value)[] settings) =>
        Bind(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));

    [Fact]
    public void The_defaults_take_a_dead_host_s_partitions_over_within_the_recovery_goal()
    {
        var options = Bind();

        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.LeaseAcquireInterval);
        Assert.True(options.LongestTakeover <= TimeSpan.FromSeconds(15), $"takeover up to {options.LongestTakeover}");
    }

    [Fact]
    public void The_host_s_appsettings_bind_and_pass_validation()
    {
        var host = RepositoryFiles.PathOf("ServiceOrders.Host");
        var options = Bind([], Path.Combine(host, "appsettings.json"), Path.Combine(host, "appsettings.Chaos.json"));

        Assert.Equal(TimeSpan.FromSeconds(8), options.PartitionTableOperationTimeout);
        Assert.True(options.LongestRenewalGap <= options.LeaseInterval);
    }

    [Fact]
    public void Lease_settings_bind_from_the_durable_section()
    {
        var options = Bind(
            ("Durable:LeaseInterval", "00:00:20"),
            ("Durable:LeaseAcquireInterval", "00:00:05"),
            ("Durable:ExtendedSessionIdleTimeout", "00:00:12"),
            ("Durable:ControlQueueVisibilityTimeout", "00:00:30"));

        Assert.Equal(TimeSpan.FromSeconds(20), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(12), options.ExtendedSessionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), options.LongestTakeover);
    }

    [Theory]
    [InlineData("Durable:LeaseInterval", "00:00:02", "LeaseInterval")]
    [InlineData("Durable:LeaseInterval", "00:10:00", "LeaseInterval")]
    [InlineData("Durable:LeaseAcquireInterval", "00:00:00.500", "LeaseAcquireInterval")]
    [InlineData("Durable:LeaseAcquireInterval", "00:02:00", "LeaseAcquireInterval")]
    [InlineData("Durable:ExtendedSessionIdleTimeout", "00:00:00", "ExtendedSessionIdleTimeout")]
    [InlineData("Durable:ControlQueueVisibilityTimeout", "00:00:05", "ControlQueueVisibilityTimeout")]
    public void A_setting_out_of_its_range_stops_the_host(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // A renewal may come LeaseAcquireInterval after the last one and take PartitionTableOperationTimeout (2 s unset).
    [InlineData("00:00:08", "00:00:05", "00:00:05")]
    [InlineData("00:00:05", "00:00:04", null)]
    public void A_lease_that_can_lapse_while_its_host_renews_it_stops_the_host(string lease, string acquire, string? tableTimeout)
    {
        var settings = new List<(string, string)> { ("Durable:LeaseInterval", lease), ("Durable:LeaseAcquireInterval", acquire) };
        if (tableTimeout is not null)
        {
            settings.Add(("Durable:PartitionTableOperationTimeout", tableTimeout));
        }

        var error = Assert.Throws<OptionsValidationException>(() => Bind([.. settings]));

        Assert.Contains("Durable:LeaseInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("lapse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lease_with_room_for_a_slow_renewal_is_accepted()
    {
        var options = Bind(("Durable:LeaseInterval", "00:00:10"), ("Durable:LeaseAcquireInterval", "00:00:02"), ("Durable:PartitionTableOperationTimeout", "00:00:08"));

        Assert.Equal(TimeSpan.FromSeconds(10), options.LongestRenewalGap);
    }

    [Fact]
    public void The_provider_gets_the_settings_and_manages_partitions_through_its_table()
    {
        var options = Bind(
            ("Durable:TaskHubName", "Hub2"),
            ("Durable:LeaseInterval", "00:00:12"),
            ("Durable:LeaseAcquireInterval", "00:00:03"),
            ("Durable:PartitionTableOperationTimeout", "00:00:06"),
            ("Durable:ExtendedSessionIdleTimeout", "00:00:20"),
            ("Durable:ControlQueueVisibilityTimeout", "00:00:11"),
            ("Durable:WorkItemQueueVisibilityTimeout", "00:00:13"));

        var settings = StandaloneDurableEngine.ProviderSettings(
            options, StorageConnection.FromConnectionString("UseDevelopmentStorage=true"), "machine-42", NullLoggerFactory.Instance);

        Assert.True(settings.UseTablePartitionManagement);
        Assert.False(settings.UseLegacyPartitionManagement);
        Assert.Equal("Hub2", settings.TaskHubName);
        Assert.Equal("machine-42", settings.WorkerId);
        Assert.Equal(TimeSpan.FromSeconds(12), settings.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), settings.PartitionTableOperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.ExtendedSessionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(11), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(13), settings.WorkItemQueueVisibilityTimeout);
    }

    [Fact]
    public void The_functions_app_lays_out_the_task_hub_as_the_standalone_host_does()
    {
        // Hosts of either kind on one task hub must agree on its name and partition count, and own partitions the same way.
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("host.json")));
        var durable = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");
        var standalone = Bind([], RepositoryFiles.PathOf("ServiceOrders.Host", "appsettings.json"));

        Assert.Equal(standalone.TaskHubName, durable.GetProperty("hubName").GetString());
        Assert.Equal(standalone.PartitionCount, storage.GetProperty("partitionCount").GetInt32());
        Assert.True(storage.GetProperty("useTablePartitionManagement").GetBoolean());
        Assert.Equal(standalone.ControlQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("controlQueueVisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(standalone.WorkItemQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("workItemQueueVisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_host_started_again_is_a_new_owner_in_the_partition_table() =>
        Assert.NotEqual(StandaloneDurableEngine.WorkerIdOf(100), StandaloneDurableEngine.WorkerIdOf(101));
}
