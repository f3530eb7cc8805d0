using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Api.Operators;

/// <summary>Bulk actions (section <c>Operations</c>).</summary>
public sealed class BulkActionOptions
{
    public const string SectionName = "Operations";

    /// <summary>A cancel or skip of more orders than this waits for a second person's approval.</summary>
    [Range(0, 5000)]
    public int BulkApprovalThreshold { get; set; } = 10;

    /// <summary>How often the standalone host looks for bulk actions to run.</summary>
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The table of bulk actions (its results go to the table of the same name with <c>Results</c> after it); letters and digits.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,55}$")]
    public string BulkActionTable { get; set; } = "BulkActions";
}
