using ServiceOrders.OperatorConsole;

var app = ConsoleHost.Build(args);
await app.RunAsync();
