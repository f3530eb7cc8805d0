using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Admission;

public static class AdmissionServices
{
    /// <summary>
    /// Admission control's store, figures and pump, and, when it is on (<c>Admission:MaxOrdersInProgress</c> above 0),
    /// the intake's pending queue and the order list that gives tickets back. Call after <c>AddServiceOrdersWorkflow</c>.
    /// Each host runs the pump its own way: a background service, or a timer trigger.
    /// </summary>
    public static IServiceCollection AddAdmissionControl(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdmissionOptions>()
            .Configure(o => o.TableName = DefaultTableName(configuration))
            .Bind(configuration.GetSection(AdmissionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<AdmissionStore>();
        services.TryAddSingleton<AdmissionSignal>();
        services.TryAddSingleton<AdmissionFigures>();
        services.TryAddSingleton<AdmissionPump>();
        services.TryAddSingleton<AdmissionTickets>();

        if (IsEnabled(configuration))
        {
            services.TryAddSingleton<AdmissionQueue>();
            // Every write of the order list goes through the index: the decorator gives tickets back.
            services.Replace(ServiceDescriptor.Singleton<IOrderIndex>(sp => new TicketReleasingOrderIndex(
                sp.GetRequiredService<StorageTables>(),
                sp.GetRequiredService<AdmissionStore>(),
                sp.GetRequiredService<AdmissionSignal>(),
                sp.GetRequiredService<ILogger<TicketReleasingOrderIndex>>())));
        }

        return services;
    }

    /// <summary>Whether admission control is on in <paramref name="configuration"/>.</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var settings = new AdmissionOptions();
        configuration.GetSection(AdmissionOptions.SectionName).Bind(settings);
        return settings.Enabled;
    }


    /// <summary>
    /// The admission table of the task hub the host runs (<c>Durable:TaskHubName</c> on the standalone host, the
    /// <c>durableTask</c> hub name on Functions, <c>ServiceOrders</c> by default) followed by <c>Admission</c>: hosts of
    /// one task hub share their pending orders and tickets, and no other task hub's pump starts them.
    /// </summary>
    public static string DefaultTableName(IConfiguration configuration)
    {
        var hub = configuration["Durable:TaskHubName"]
            ?? configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"]
            ?? "ServiceOrders";
        var name = new string([.. hub.Where(char.IsAsciiLetterOrDigit)]) + "Admission";
        return char.IsAsciiLetter(name[0]) ? name[..Math.Min(name.Length, 63)] : "A" + name[..Math.Min(name.Length, 62)];
    }
}
