namespace ServiceOrders.AppHost;

/// <summary>The operator console as <c>./run.sh</c> starts it: its port and the people of its development sign-in, one per role mix.</summary>
public static class DevelopmentConsole
{
    public const int Port = 7072;

    /// <summary>An operator, a supervisor who also approves, a reader and an administrator (<c>Console:DevelopmentUsers</c>).</summary>
    public const string Users = "dana:Reader,Operator;ali:Reader,Operator,Approver;rita:Reader;sam:Reader,Operator,Approver,Admin";
}
