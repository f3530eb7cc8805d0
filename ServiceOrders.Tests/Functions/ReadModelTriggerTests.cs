namespace ServiceOrders.Tests.Functions;

/// <summary>The Functions app serves the read model's routes as the standalone host does.</summary>
public class ReadModelTriggerTests
{
    [Theory]
    [InlineData("ListOrders", "/api/orders")]
    [InlineData("GetOverview", "/api/overview")]
    [InlineData("GetAdmission", "/api/admission")]
    [InlineData("GetMassDisconnectProgress", "/api/mass-disconnects/progress")]
    [InlineData("GetCutCalendar", "/api/mass-disconnects/calendar")]
    public void TheReadModelRoutes_AreGetTriggersOfTheFunctionsApp(string function, string pattern) =>
        Assert.Contains(new FunctionsHttpTrigger(function, "GET", pattern), FunctionsHttpTriggers.All());
}
