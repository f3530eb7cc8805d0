using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Tests.Domain;

public class OrderIdsTests
{
    [Fact]
    public void AnActivityId_LeadsBackToItsOrder() =>
        Assert.Equal(new OrderId("REQ-1"), OrderIds.OrderOf(OrderIds.StepId(new OrderId("REQ-1"), 3)));

    [Theory]
    [InlineData("REQ-1")]
    [InlineData(".3")]
    [InlineData("REQ-1.")]
    [InlineData("REQ-1.x")]
    [InlineData("REQ-1.0")]
    [InlineData("bad id.3")]
    [InlineData("../x.1")]
    public void AnIdThatIsNotOneOfOurs_LeadsNowhere(string activityId) =>
        Assert.Null(OrderIds.OrderOf(activityId));
}
