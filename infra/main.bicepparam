// Development environment. Deploy with:
//   az deployment group create --resource-group <rg> --template-file infra/main.bicep --parameters infra/main.bicepparam
using 'main.bicep'

param namePrefix = 'svcorders'
param environmentName = 'dev'
param tags = {
  managedBy: 'bicep'
}
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param ordersFieldDeadline = '3.00:00:00'
param ordersCommandDeadline = '00:30:00'
// The console's Entra app registration: set CONSOLE_ENTRA_CLIENT_ID (and pass
// consoleEntraClientSecret on the command line) before deploying; the console refuses to start without it.
param consoleEntraClientId = readEnvironmentVariable('CONSOLE_ENTRA_CLIENT_ID', '')
param consoleTimeZone = 'America/Chicago'
