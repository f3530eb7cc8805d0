using System.Net;
using System.Text;
using ServiceOrders.OperatorConsole.Api;

namespace ServiceOrders.Tests.OperatorConsole;

public class ApiProblemTests
{
    static Task<ApiProblem> Read(HttpStatusCode status, string? json, string mediaType = "application/problem+json") =>
        ApiProblem.ReadAsync(new HttpResponseMessage(status) { Content = new StringContent(json ?? "", Encoding.UTF8, mediaType) }, CancellationToken.None);

    [Fact]
    public async Task AForbiddenAction_IsToldAsTheRoleThatIsMissing()
    {
        var problem = await Read(HttpStatusCode.Forbidden, """{"title":"Role required","status":403,"requiredRole":"Approver"}""");

        Assert.Equal("Your role does not allow this: it needs the Approver role.", problem.Message);
    }

    [Fact]
    public async Task InvalidInput_ListsEachError()
    {
        var problem = await Read(HttpStatusCode.BadRequest,
            """{"title":"Invalid action","status":400,"errors":[{"code":"Required","field":"reason","message":"A reason is required."}]}""");

        Assert.Equal("The API refused this: reason: A reason is required.", problem.Message);
    }

    [Fact]
    public async Task ARouteTheApiDoesNotHave_IsNotAvailable_NotAnError()
    {
        var missing = await Read(HttpStatusCode.NotFound, null, "text/plain");
        var missingOnTheHost = await Read(HttpStatusCode.NotFound, """{"title":"Not Found","status":404,"detail":"No route matches this address."}""");
        var unknownOrder = await Read(HttpStatusCode.NotFound, """{"title":"Not found","status":404,"detail":"There is no order R-9."}""");

        Assert.True(missing.NotAvailable);
        Assert.True(missingOnTheHost.NotAvailable);
        Assert.Equal("This is not available from the API yet.", missingOnTheHost.Message);
        Assert.False(unknownOrder.NotAvailable);
        Assert.Equal("There is no order R-9.", unknownOrder.Message);
    }

    [Fact]
    public async Task AConflict_SaysWhyItCannotBeDoneNow()
    {
        var problem = await Read(HttpStatusCode.Conflict, """{"title":"Not in exception","status":409,"detail":"The order is not in exception."}""");

        Assert.Equal("This cannot be done now: The order is not in exception.", problem.Message);
    }
}
