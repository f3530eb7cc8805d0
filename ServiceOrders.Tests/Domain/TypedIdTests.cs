using System.Reflection;
using System.Text.Json;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Tests.Domain;

public class TypedIdTests
{
    static readonly DateTimeOffset DueBy = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATypedId_TravelsAsThePlainStringItWraps()
    {
        var dispatch = new FieldDispatch(
            new FieldActivityId("R-1.3"), new OrderId("R-1"), ActivityKind.TurnOn, new ServicePointId("SP-1"), Commodity.Electric,
            new MeterId("M-1"), null, DueBy);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(dispatch, ServiceOrdersJson.Options));

        Assert.Equal("R-1.3", json.RootElement.GetProperty("activityId").GetString());
        Assert.Equal("R-1", json.RootElement.GetProperty("orderId").GetString());
        Assert.Equal("SP-1", json.RootElement.GetProperty("servicePointId").GetString());
        Assert.Equal("M-1", json.RootElement.GetProperty("meterId").GetString());
        Assert.Equal(dispatch, JsonSerializer.Deserialize<FieldDispatch>(json.RootElement.GetRawText(), ServiceOrdersJson.Options));
    }

    [Fact]
    public void AnAbsentMeter_StaysNull()
    {
        var dispatch = new FieldDispatch(
            new FieldActivityId("R-1.3"), new OrderId("R-1"), ActivityKind.InstallMeter, new ServicePointId("SP-1"), Commodity.Water, null, null, DueBy);

        var json = JsonSerializer.Serialize(dispatch, ServiceOrdersJson.Options);

        Assert.Null(JsonSerializer.Deserialize<FieldDispatch>(json, ServiceOrdersJson.Options)!.MeterId);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("42")]
    [InlineData("{}")]
    public void AnIdThatIsNotANonEmptyString_IsRefusedWhenRead(string value)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HeadEndCommand>(
            $$"""{"commandId":{{value}},"orderId":"R-1","kind":"RemoteConnect","meterId":"M-1","reasonCode":"RC","expiresAt":"2026-03-02T14:00:00Z"}""",
            ServiceOrdersJson.Options));

        Assert.Contains(nameof(CommandId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RefusesAnEmptyId() =>
        Assert.Throws<ArgumentException>(() => OrderId.From(" "));

    [Fact]
    public void IdsOfDifferentKinds_WithTheSameText_AreDifferentValues() =>
        Assert.NotEqual<object>(new OrderId("X-1"), new ServicePointId("X-1"));

    /// <summary>
    /// Where an order, service point, meter, field activity or command id crosses between the workflow, its ports and
    /// the messages it sends, it has its own type: a parameter or property with such a name typed as a plain string is
    /// the mix-up the types exist to prevent.
    /// </summary>
    [Fact]
    public void NoPortMessageOrActivityInput_TakesAnIdAsAPlainString()
    {
        string[] idNames = ["orderid", "servicepointid", "meterid", "activityid", "commandid"];
        var types = typeof(IOrderEngine).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace is { } ns && (ns.EndsWith(".Ports", StringComparison.Ordinal) || ns.EndsWith(".Engine", StringComparison.Ordinal)))
            .Concat(WorkflowActivities.All.SelectMany(a => new[] { a.InputType, a.OutputType }).Where(t => t.Assembly == typeof(IOrderEngine).Assembly))
            .Concat([typeof(FieldDispatch), typeof(FieldCancellation), typeof(HeadEndCommand)])
            .Distinct();

        var plain = types.SelectMany(t =>
                t.GetProperties().Where(p => p.DeclaringType == t).Select(p => (Where: $"{t.Name}.{p.Name}", p.Name, Type: p.PropertyType))
                    .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .SelectMany(m => m.GetParameters().Select(p => (Where: $"{t.Name}.{m.Name}({p.Name})", Name: p.Name!, Type: p.ParameterType)))))
            .Where(x => x.Type == typeof(string) && idNames.Contains(x.Name.ToLowerInvariant()))
            .Select(x => x.Where)
            .ToList();

        Assert.True(plain.Count == 0, string.Join(", ", plain));
    }
}
