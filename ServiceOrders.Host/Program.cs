using ServiceOrders.Host;

var app = StandaloneHost.Build(args);
await app.RunAsync();
