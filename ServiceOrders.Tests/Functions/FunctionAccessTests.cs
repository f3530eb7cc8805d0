using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Functions.Access;

namespace ServiceOrders.Tests.Functions;

/// <summary>The Functions app checks the same role per route as the standalone host, by the function's name.</summary>
public class FunctionAccessTests
{
    static readonly string[] DelegatingKeys = ["console-key-0123456789"];

    [Fact]
    public void EveryHttpFunction_NeedsTheRoleOfTheSameNamedRoute_OrIsHealth()
    {
        var wrong = FunctionsHttpTriggers.All()
            .Where(t => t.Function != "Health")
            .Where(t => !RouteRoles.ByName.TryGetValue(t.Function, out var role) || FunctionAccess.RoleFor(t.Function, t.Method) != role)
            .Select(t => t.ToString())
            .ToList();

        Assert.Empty(wrong);
        Assert.Null(FunctionAccess.RoleFor("Health", "GET"));
    }

    [Fact]
    public void AReaderThroughTheConsolesKey_IsRefusedAnAction_WithTheRoleItNeeds()
    {
        var reader = FunctionAccess.CallerOf(DelegatingKeys[0], "rory", ConsoleRoles.Reader, DelegatingKeys);

        var refusal = FunctionAccess.Check(reader, "ActOnOrder", "POST");

        Assert.NotNull(refusal);
        Assert.Equal(403, Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(refusal).StatusCode);
        Assert.Null(FunctionAccess.Check(reader, "GetOrder", "GET"));
    }

    [Fact]
    public void AnOperatorThroughTheConsolesKey_MayAct_InTheirOwnName()
    {
        var user = FunctionAccess.CallerOf(DelegatingKeys[0], "dana", "Operator", DelegatingKeys);

        Assert.Null(FunctionAccess.Check(user, "ActOnOrder", "POST"));
        Assert.Equal(("dana", true), (Caller.Of(user).Actor, Caller.Of(user).IsPerson));
    }

    [Fact]
    public void AnyOtherFunctionKey_IsASystemWithEveryRole()
    {
        var system = FunctionAccess.CallerOf("some-function-key", null, null, DelegatingKeys);

        Assert.All(RouteRoles.ByName.Keys, name => Assert.Null(FunctionAccess.Check(system, name, "POST")));
        Assert.False(Caller.Of(system).IsPerson);
    }

    [Fact]
    public void TheConsolesKeyWithoutAPerson_IsRefused()
    {
        var nobody = FunctionAccess.CallerOf(DelegatingKeys[0], null, "Admin", DelegatingKeys);

        Assert.NotNull(FunctionAccess.Check(nobody, "ListExceptions", "GET"));
    }
}
