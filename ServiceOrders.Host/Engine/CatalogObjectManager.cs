using DurableTask.Core;

namespace ServiceOrders.Host.Engine;

/// <summary>Looks up orchestrations and activities by name for the Durable Task Framework worker.</summary>
internal sealed class CatalogObjectManager<T> : INameVersionObjectManager<T>
{
    readonly Dictionary<string, ObjectCreator<T>> creators = new(StringComparer.Ordinal);

    public void Add(ObjectCreator<T> creator)
    {
        if (!creators.TryAdd(Key(creator.Name, creator.Version), creator))
        {
            throw new InvalidOperationException($"{creator.Name} is registered twice.");
        }
    }

    public T? GetObject(string name, string? version) =>
        creators.TryGetValue(Key(name, version ?? string.Empty), out var creator) ? creator.Create() : default;

    static string Key(string name, string version) => $"{name}\n{version}";
}
