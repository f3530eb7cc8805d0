using ServiceOrders.DevHost;

var app = DevelopmentHost.Build(args);
await app.RunAsync();
