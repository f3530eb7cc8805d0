using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceOrders.Functions.Activities;
using ServiceOrders.Host.Engine;
using ServiceOrders.Workflow.Activities;

namespace ServiceOrders.Tests.Functions;

/// <summary>
/// Both hosts register every declared activity under its declared name, taking and returning the declared types: an
/// activity function or a catalog entry that drifts from its declaration fails here, before an order calls it.
/// </summary>
public class ActivityRegistrationTests
{
    /// <summary>Name, input and output of an activity, as one host registers it.</summary>
    sealed record Registration(string Name, Type Input, Type Output)
    {
        public override string ToString() => $"{Name}({Input.Name}) -> {Output.Name}";
    }

    public static TheoryData<string> Declared => new(WorkflowActivities.All.Select(a => a.Name));

    static readonly Lazy<IReadOnlyList<Registration>> FunctionsApp = new(() =>
        [
            .. typeof(LoadServicePointFunction).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)))
                .Where(f => f.Function is not null && f.Trigger is not null)
                .Select(f => new Registration(f.Function!.Name, f.Trigger!.ParameterType, Unwrapped(f.Method.ReturnType))),
        ]);

    static readonly Lazy<IReadOnlyList<Registration>> StandaloneHost = new(() =>
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);
        return
        [
            .. ActivityCatalog.Activities(shims, new ServiceProviderStub()).Select(creator =>
            {
                var type = creator.GetType();
                Assert.True(
                    type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ActivityCatalog.ActivityCreator<,>),
                    $"The catalog registers {creator.Name} without its input and output types.");
                var arguments = type.GetGenericArguments();
                return new Registration(creator.Name, arguments[0], arguments[1]);
            }),
        ];
    });

    [Fact]
    public void EveryActivityName_IsDeclaredOnce() =>
        Assert.Equal(WorkflowActivities.All.Count, WorkflowActivities.All.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void EveryDeclaredActivity_IsAFieldOfWorkflowActivitiesNamedAfterIt()
    {
        var fields = typeof(WorkflowActivities).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(IActivityDefinition).IsAssignableFrom(f.FieldType))
            .ToDictionary(f => f.Name, f => (IActivityDefinition)f.GetValue(null)!);

        Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), WorkflowActivities.All.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(fields, f => Assert.Same(f.Value, WorkflowActivities.All.Single(a => a.Name == f.Key)));
    }

    [Theory]
    [MemberData(nameof(Declared))]
    public void BothHosts_RegisterTheActivity_WithItsDeclaredNameInputAndOutput(string name)
    {
        var declared = WorkflowActivities.All.Single(a => a.Name == name);
        var expected = new Registration(declared.Name, declared.InputType, declared.OutputType);

        Assert.Equal(expected, Assert.Single(FunctionsApp.Value, r => r.Name == name));
        Assert.Equal(expected, Assert.Single(StandaloneHost.Value, r => r.Name == name));
    }

    [Fact]
    public void NeitherHost_RegistersAnActivityThatIsNotDeclared()
    {
        var declared = WorkflowActivities.All.Select(a => a.Name).Order(StringComparer.Ordinal);

        Assert.Equal(declared, FunctionsApp.Value.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(declared, StandaloneHost.Value.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDeclaredActivity_IsDoneByAClassTakingAndReturningItsTypes() =>
        Assert.All(WorkflowActivities.All, a => Assert.True(
            typeof(IServiceOrderActivity<,>).MakeGenericType(a.InputType, a.OutputType).IsAssignableFrom(a.ImplementationType),
            $"{a.ImplementationType.Name} does not implement the activity {a}."));

    /// <summary>The type a function's task completes with; nullable annotations are not part of the runtime type.</summary>
    static Type Unwrapped(Type returned) =>
        returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>) ? returned.GetGenericArguments()[0] : returned;

    /// <summary>The catalog only resolves an activity when it runs; listing the registrations needs no services.</summary>
    sealed class ServiceProviderStub : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
