// ServiceOrders: Azure resources for the Functions app (Flex Consumption, Durable Functions on
// Azure Storage, Service Bus, Application Insights), all reached with one user-assigned identity,
// and the operator console (App Service) that calls the app's API.
//
// Plain resource declarations rather than Azure Verified Modules (br/public:...): the module
// registry is not reachable from the build machines, and `infra/check.sh` must compile offline.
// API versions are the newest stable ones known to the pinned Bicep compiler.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short product prefix used in every resource name. Lowercase letters and digits; at most 9 characters so that the storage account name stays within 24.')
@minLength(3)
@maxLength(9)
param namePrefix string = 'svcorders'

@description('Environment name, part of resource names and tags.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string = 'dev'

@description('Extra tags merged over the default ones.')
param tags object = {}

@description('Storage account SKU (holds the deployment package, the Durable Functions task hub and the registry tables).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Service Bus queue on which the CIS sends service order requests.')
param intakeQueueName string = 'service-order-requests'

@description('Other Service Bus queues: replies to the CIS, commands to and results from the head-end, dispatches to the field work system.')
param workQueueNames string[] = [
  'cis-replies'
  'headend-commands'
  'headend-results'
  'field-dispatches'
]

@description('Service Bus topic carrying service order events (CloudEvents) to subscribers.')
param eventsTopicName string = 'service-order-events'

@description('Subscriptions on the events topic, one per subscribing system.')
param eventSubscriptionNames string[] = [
  'billing'
  'outage'
  'portal'
]

@description('Window in which the intake queue drops a message whose MessageId it has already seen (ISO 8601).')
param intakeDuplicateDetectionWindow string = 'PT1H'

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('How long a field crew has to complete dispatched work (TimeSpan, d.hh:mm:ss).')
param ordersFieldDeadline string = '3.00:00:00'

@description('How long the head-end has to answer a meter command (TimeSpan, hh:mm:ss).')
param ordersCommandDeadline string = '00:30:00'

@description('App Service plan SKU of the operator console.')
param consoleSkuName string = 'P0v3'

@description('Entra tenant (directory) id people sign in to the operator console with.')
param consoleEntraTenantId string = tenant().tenantId

@description('Application (client) id of the operator console\'s Entra app registration (app roles Reader, Operator, Approver, Admin).')
param consoleEntraClientId string

@description('Client secret of that app registration, kept in Key Vault; empty to set it there later.')
@secure()
param consoleEntraClientSecret string = ''

@description('IANA time zone the operator console shows times in.')
param consoleTimeZone string = 'America/Chicago'

@description('The delegating key the console calls the API with (X-ServiceOrders-Actor/Roles). A new one per deployment unless given.')
@secure()
param consoleApiKey string = newGuid()

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

// Globally unique per resource group; 13 lowercase letters and digits.
var resourceToken = uniqueString(resourceGroup().id)
var baseName = toLower('${namePrefix}-${environmentName}-${resourceToken}')

var identityName = 'id-${baseName}'
// Storage names allow no hyphens: 'st' + prefix (<= 9) + token (13) <= 24 characters.
var storageAccountName = toLower('st${replace(namePrefix, '-', '')}${resourceToken}')
var deploymentContainerName = 'app-package'
var logAnalyticsName = 'log-${baseName}'
var appInsightsName = 'appi-${baseName}'
var serviceBusNamespaceName = 'sb-${baseName}'
var planName = 'plan-${baseName}'
var functionAppName = 'func-${baseName}'
// Key Vault names allow 3-24 characters: 'kv' + prefix (<= 9) + token (13) <= 24.
var keyVaultName = toLower('kv${replace(namePrefix, '-', '')}${resourceToken}')
var consoleApiKeySecretName = 'console-api-key'
var consoleEntraSecretName = 'console-entra-client-secret'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

var allTags = union(
  {
    application: 'ServiceOrders'
    environment: environmentName
  },
  tags
)

// ---------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------

// The Function App's only identity: storage, Service Bus and telemetry ingestion all use it.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
  tags: allTags
}

// ---------------------------------------------------------------------------------------------
// Storage: deployment package, Durable Functions task hub, registry tables
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: storageAccountName
  location: location
  tags: allTags
  kind: 'StorageV2'
  sku: {
    name: storageSkuName
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // Keys are off: every client, the Functions host included, signs in with Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: allTags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: allTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Telemetry is accepted only with an Entra token (Monitoring Metrics Publisher role below).
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------
// Service Bus
// ---------------------------------------------------------------------------------------------

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: serviceBusNamespaceName
  location: location
  tags: allTags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    minimumTlsVersion: '1.2'
    // No SAS keys: senders and receivers use Entra ID.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

// 'https://<name>.servicebus.windows.net:443/' -> '<name>.servicebus.windows.net'
var serviceBusHostName = split(split(serviceBus.properties.serviceBusEndpoint, '/')[2], ':')[0]

// Intake from the CIS. The CIS may resend a request; duplicate detection on its MessageId drops
// the copy before it can start a second orchestration.
resource intakeQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: serviceBus
  name: intakeQueueName
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: intakeDuplicateDetectionWindow
  }
}

resource workQueues 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for name in workQueueNames: {
    parent: serviceBus
    name: name
    properties: {
      maxDeliveryCount: 10
      deadLetteringOnMessageExpiration: true
      // Messages carry their idempotency key as MessageId (a reply sent twice is dropped by Service Bus).
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: intakeDuplicateDetectionWindow
    }
  }
]

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: serviceBus
  name: eventsTopicName
  properties: {
    supportOrdering: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: intakeDuplicateDetectionWindow
  }
}

resource eventSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = [
  for name in eventSubscriptionNames: {
    parent: eventsTopic
    name: name
    properties: {
      maxDeliveryCount: 10
      deadLetteringOnMessageExpiration: true
    }
  }
]

// ---------------------------------------------------------------------------------------------
// Role assignments for the identity
// ---------------------------------------------------------------------------------------------

// In a module so that each assignment's name can use the identity's principal id: a resource
// name must be known when the deployment starts, and a module's parameters are.
module identityRoles 'modules/identity-roles.bicep' = {
  name: 'identity-roles'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.name
    serviceBusNamespaceName: serviceBus.name
    appInsightsName: appInsights.name
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault: the console's delegating key (read by both apps) and its Entra client secret
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: allTags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource consoleApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: keyVault
  name: consoleApiKeySecretName
  properties: {
    value: consoleApiKey
  }
}

resource consoleEntraSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(consoleEntraClientSecret)) {
  parent: keyVault
  name: consoleEntraSecretName
  properties: {
    value: consoleEntraClientSecret
  }
}

// The Function App reads the console's key to accept it as a delegating key.
resource functionAppSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Function App on Flex Consumption
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: allTags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: allTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (the console's delegating key) are resolved with this identity.
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption takes the worker runtime and version from functionAppConfig, so
      // FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not set here.
      appSettings: [
        // Host storage and the Durable Functions task hub, identity-based.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        // Service Bus connection named "ServiceBusConnection" in the triggers and bindings.
        {
          name: 'ServiceBusConnection__fullyQualifiedNamespace'
          value: serviceBusHostName
        }
        {
          name: 'ServiceBusConnection__credential'
          value: 'managedidentity'
        }
        {
          name: 'ServiceBusConnection__clientId'
          value: identity.properties.clientId
        }
        // Telemetry: the connection string only locates the resource; ingestion authenticates
        // with the identity because local auth is off.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        // The app's own options (OrderPolicyOptions, section "Orders").
        {
          name: 'Orders__FieldDeadline'
          value: ordersFieldDeadline
        }
        {
          name: 'Orders__CommandDeadline'
          value: ordersCommandDeadline
        }
        // Where the app meets the CIS and subscribers on Service Bus (the trigger's binding expression needs the first).
        {
          name: 'ServiceBus__IntakeQueue'
          value: intakeQueueName
        }
        {
          name: 'ServiceBus__ReplyQueue'
          value: 'cis-replies'
        }
        {
          name: 'ServiceBus__EventsTopic'
          value: eventsTopicName
        }
        // The operator console calls with this key and names the person it acts for.
        {
          name: 'Security__DelegatingKeys__0'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${consoleApiKeySecretName})'
        }
      ]
    }
  }
  // The host starts talking to storage and Service Bus as soon as the app exists.
  dependsOn: [
    identityRoles
    functionAppSecretsUser
    consoleApiKeySecret
  ]
}

// ---------------------------------------------------------------------------------------------
// Operator console on App Service
// ---------------------------------------------------------------------------------------------

module operatorConsole 'modules/console.bicep' = {
  name: 'operator-console'
  params: {
    location: location
    tags: allTags
    baseName: baseName
    skuName: consoleSkuName
    apiHostName: functionApp.properties.defaultHostName
    keyVaultName: keyVault.name
    apiKeySecretName: consoleApiKeySecret.name
    entraClientSecretName: empty(consoleEntraClientSecret) ? '' : consoleEntraSecretName
    entraTenantId: consoleEntraTenantId
    entraClientId: consoleEntraClientId
    timeZone: consoleTimeZone
    appInsightsName: appInsights.name
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
output serviceBusNamespaceFqdn string = serviceBusHostName
output storageAccountName string = storage.name
output identityClientId string = identity.properties.clientId
// Where the app's telemetry lands. The connection string only locates the resource (local auth is off), so it is no
// secret: whatever else sends there needs an identity with Monitoring Metrics Publisher as well.
output applicationInsightsName string = appInsights.name
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
output logAnalyticsWorkspaceName string = logAnalytics.name
output keyVaultName string = keyVault.name
output consoleSiteName string = operatorConsole.outputs.siteName
output consoleUrl string = 'https://${operatorConsole.outputs.hostName}/'
output consoleIdentityClientId string = operatorConsole.outputs.identityClientId
