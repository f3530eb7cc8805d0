// The operator console: an ASP.NET Core app on App Service (Linux) with its own user-assigned
// identity. It reaches the product only through the Function App's HTTP API, with a delegating
// key read from Key Vault by that identity; people sign in with Entra ID (OpenID Connect).

@description('Azure region of every resource.')
param location string

@description('Tags of every resource.')
param tags object

@description('The shared part of resource names: <namePrefix>-<environmentName>-<token>.')
param baseName string

@description('App Service plan SKU of the console.')
param skuName string

@description('Host name of the Function App whose API the console calls.')
param apiHostName string

@description('Key Vault holding the console\'s API key and, when set, its Entra client secret.')
param keyVaultName string

@description('Name of the secret holding the delegating key the console calls the API with.')
param apiKeySecretName string

@description('Name of the secret holding the Entra client secret; empty when none is kept.')
param entraClientSecretName string

@description('Entra tenant (directory) id people sign in with.')
param entraTenantId string

@description('Application (client) id of the console\'s Entra app registration; its app roles are Reader, Operator, Approver and Admin.')
param entraClientId string

@description('IANA time zone the console shows times in, e.g. America/Chicago.')
param timeZone string

@description('Application Insights component that receives the console\'s telemetry.')
param appInsightsName string

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Apart from the Function App's identity: the console needs no storage or Service Bus rights.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-console-${baseName}'
  location: location
  tags: tags
}

// Named from the identity's resource id (known when the deployment starts), not its principal id.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-console-${baseName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true // Linux
  }
}

var secretsUri = keyVault.properties.vaultUri
resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: 'app-console-${baseName}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with this identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Blazor's interactive parts keep a WebSocket open per person.
      webSocketsEnabled: true
      alwaysOn: true
      healthCheckPath: '/health'
      appSettings: [
        {
          name: 'Console__ApiBaseUrl'
          value: 'https://${apiHostName}/'
        }
        {
          name: 'Console__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${secretsUri}secrets/${apiKeySecretName})'
        }
        {
          name: 'Console__TimeZone'
          value: timeZone
        }
        {
          name: 'Console__Entra__Authority'
          value: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        {
          name: 'Console__Entra__ClientId'
          value: entraClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        // Empty until a client secret is kept in Key Vault (sign-in then needs another client credential).
        {
          name: 'Console__Entra__ClientSecret'
          value: empty(entraClientSecretName)
            ? ''
            : '@Microsoft.KeyVault(SecretUri=${secretsUri}secrets/${entraClientSecretName})'
        }
      ]
    }
  }
  dependsOn: [
    secretsUser
    metricsPublisher
  ]
}

output siteName string = site.name
output hostName string = site.properties.defaultHostName
output identityClientId string = identity.properties.clientId
