using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.BulkActions;

namespace ServiceOrders.Tests.OperatorConsole.BulkActions;

public class BulkActionFormTests
{
    static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void AFormWithoutFiltersOrIds_IsRefused_SoNothingSelectsEveryOrder()
    {
        Assert.Equal(["Give at least one filter or some order ids: a bulk action never selects every order."], new BulkActionForm { Reason = AuditReasons.Other }.Problems());
    }

    [Fact]
    public void ARetryOfOpenOrders_IsExplainedBeforeTheApiIsAsked()
    {
        Assert.Contains("Retry and skip act on orders in exception; choose the status Exception or any.",
            new BulkActionForm { Action = BulkActionKind.Retry, Status = OrderStatus.Open }.Problems());
    }

    [Fact]
    public void TimesAreReadInTheUtilitysZone()
    {
        var form = new BulkActionForm { Action = BulkActionKind.Cancel, From = new DateTime(2026, 12, 6, 9, 0, 0), To = new DateTime(2026, 12, 6, 17, 0, 0), Reason = AuditReasons.Other };

        var selection = form.ToRequest(Chicago).Selection;

        Assert.Equal((new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero)), (selection.From!.Value, selection.To!.Value));
    }

    [Fact]
    public void AnAppliedResult_SaysWhatWasDone()
    {
        Assert.Equal("Cancelled", BulkActionText.Outcome(BulkActionKind.Cancel, new BulkOrderResult("R-1", "Applied")));
        Assert.Equal("Skipped", BulkActionText.Outcome(BulkActionKind.Skip, new BulkOrderResult("R-1", "Applied")));
        Assert.Equal("Refused: Not in exception", BulkActionText.Outcome(BulkActionKind.Retry, new BulkOrderResult("R-1", "Refused", "Not in exception")));
    }
}
