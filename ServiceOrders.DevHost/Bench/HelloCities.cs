using Microsoft.DurableTask;

namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// The engine's usual yardstick: five trivial activities in a row. It runs on the same task hub settings as the
/// product, so the ratio of the two shows what the product's own work costs.
/// </summary>
public sealed class HelloCities : TaskOrchestrator<string, string>
{
    public const string Name = nameof(HelloCities);
    public const string SayHello = nameof(SayHello);

    public static IReadOnlyList<string> Cities { get; } = ["Tokyo", "Seattle", "London", "Paris", "Cairo"];

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var greetings = new List<string>(Cities.Count);
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>(SayHello, city));
        }

        return string.Join(' ', greetings);
    }
}
