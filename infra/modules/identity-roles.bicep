// Data-plane roles for the Function App's user-assigned identity. Each assignment is named
// guid(scope id, principal id, role definition id), so a redeployment finds the same assignment
// and a re-created identity (new principal id) gets a new one instead of a conflict.

@description('Principal (object) id of the identity that receives the roles.')
param principalId string

@description('Storage account holding the deployment package, the task hub and the tables.')
param storageAccountName string

@description('Service Bus namespace of the queues and the events topic.')
param serviceBusNamespaceName string

@description('Application Insights component that receives the telemetry.')
param appInsightsName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Blob Data Owner (not Contributor): the Functions host and Durable Functions take blob leases
// and manage containers; also covers reading the deployment package. Queue and Table Data
// Contributor: the Durable Functions task hub (control and work-item queues, history and
// instance tables) and the app's own queues and registry tables.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, principalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Data Owner rather than Sender + Receiver: Functions scales Service Bus triggers on queue and
// subscription length, which it can read only with Manage rights; with Receiver alone scaling
// falls back to less accurate signals. The app sends to queues and the topic and receives from
// queues and subscriptions across the namespace, so the scope is the namespace.
resource serviceBusDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus.id, principalId, roles.serviceBusDataOwner)
  scope: serviceBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Entra-authenticated telemetry ingestion (the component has local auth disabled).
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
