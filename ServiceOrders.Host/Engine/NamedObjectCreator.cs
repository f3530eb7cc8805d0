using DurableTask.Core;

namespace ServiceOrders.Host.Engine;

/// <summary>Creates an orchestration or activity registered under a name, with no version, for the task hub worker.</summary>
public class NamedObjectCreator<T> : ObjectCreator<T>
{
    readonly Func<T> create;

    public NamedObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    public override T Create() => create();
}
