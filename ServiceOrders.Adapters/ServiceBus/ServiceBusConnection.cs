using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>
/// The Service Bus namespace, named as the Functions Service Bus trigger names it (connection <c>ServiceBusConnection</c>):
/// a connection string in <c>ServiceBus:ConnectionString</c> or <c>ServiceBusConnection</c>, or an identity-based
/// connection in <c>ServiceBusConnection__fullyQualifiedNamespace</c> with <see cref="DefaultAzureCredential"/>
/// (a user-assigned managed identity in <c>ServiceBusConnection__clientId</c>). Nothing set: no Service Bus, and the
/// product uses storage queues instead.
/// </summary>
public static class ServiceBusConnection
{
    /// <summary>The connection name of the trigger, and the prefix of the identity-based settings.</summary>
    public const string ConnectionSetting = "ServiceBusConnection";

    /// <summary>The standalone host's own setting for a connection string.</summary>
    public const string ConnectionStringSetting = ServiceBusMessagingOptions.SectionName + ":ConnectionString";

    public static bool IsConfigured(IConfiguration configuration) =>
        ConnectionString(configuration) is not null || FullyQualifiedNamespace(configuration) is not null;

    /// <summary>A client for the configured namespace, or null when none is configured.</summary>
    public static ServiceBusClient? CreateClient(IConfiguration configuration)
    {
        if (ConnectionString(configuration) is { } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        if (FullyQualifiedNamespace(configuration) is { } fullyQualifiedNamespace)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = NonEmpty(configuration[$"{ConnectionSetting}:clientId"]),
            });
            return new ServiceBusClient(fullyQualifiedNamespace, credential);
        }

        return null;
    }

    static string? ConnectionString(IConfiguration configuration) =>
        NonEmpty(configuration[ConnectionStringSetting]) ?? NonEmpty(configuration[ConnectionSetting]);

    static string? FullyQualifiedNamespace(IConfiguration configuration) =>
        NonEmpty(configuration[$"{ConnectionSetting}:fullyQualifiedNamespace"]);

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
