using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Tests.Domain;

public class ServiceOrderValidatorTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    static readonly ServiceOrderRequest Valid = new("REQ-1", RequestType.EnableService, "SP-1", Commodity.Electric);

    [Fact]
    public void AWellFormedRequest_HasNoErrors() =>
        Assert.Empty(ServiceOrderValidator.Validate(Valid, Now));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has.dot")]
    [InlineData("../etc")]
    [InlineData("-leading-dash")]
    [InlineData("x\u0001y")]
    [InlineData("A12345678901234567890123456789012345678901234567890123456789012345")]
    public void ARequestIdThatCannotBeAnOrderId_IsRefused(string requestId)
    {
        var errors = ServiceOrderValidator.Validate(Valid with { RequestId = requestId }, Now);

        Assert.Contains(errors, e => e.Field == "requestId");
    }

    [Fact]
    public void AnUndefinedRequestType_IsRefused()
    {
        var errors = ServiceOrderValidator.Validate(Valid with { RequestType = (RequestType)99 }, Now);

        Assert.Contains(errors, e => e.Field == "requestType" && e.Code == ReasonCodes.InvalidValue);
    }

    [Fact]
    public void EveryRequestType_HasAProcess()
    {
        foreach (var type in Enum.GetValues<RequestType>())
        {
            Assert.Empty(ServiceOrderValidator.Validate(Valid with { RequestType = type }, Now));
        }
    }

    [Theory]
    [InlineData(-400)]
    [InlineData(800)]
    public void AnAbsurdServiceDate_IsRefused(int days)
    {
        var errors = ServiceOrderValidator.Validate(Valid with { RequestedDate = Now.AddDays(days) }, Now);

        Assert.Contains(errors, e => e.Code == ReasonCodes.DateOutOfRange);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var errors = ServiceOrderValidator.Validate(
            Valid with { RequestId = "", ServicePointId = "bad id", Commodity = (Commodity)7, RequestingSystem = "" }, Now);

        Assert.Equal(["commodity", "requestId", "requestingSystem", "servicePointId"], errors.Select(e => e.Field).Order());
    }
}
