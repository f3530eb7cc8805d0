using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using ServiceOrders.Api;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Host.Security;

namespace ServiceOrders.Host.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive page (<c>/scalar</c>). Both are public: they
/// describe the API and hold no data, and the page's browser must fetch the document without credentials. Every
/// operation that needs credentials lists the security schemes and its 401 answer, whoever added the route.
/// </summary>
public static class OpenApiServices
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string PagePath = "/scalar";

    public const string ApiKeyHeaderScheme = "ApiKey";
    public const string ApiKeyQueryScheme = "ApiKeyQuery";
    public const string BearerScheme = "Bearer";

    const string ProblemDetailsSchema = nameof(ProblemDetails);

    public static IServiceCollection AddServiceOrdersOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
        });

    public static IEndpointRouteBuilder MapServiceOrdersOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(PagePath, options => options
                .WithTitle("ServiceOrders API")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes(ApiKeyHeaderScheme))
            .AllowAnonymous();
        return app;
    }

    static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "ServiceOrders API";
        document.Info.Description =
            "Service orders for electric, gas and water utilities: submit and follow orders, answer field work and head-end commands, " +
            "resolve exceptions, and keep the registry of service points. Errors are RFC 9457 problem details.";

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= tag.Name is { } name && ApiRoutes.TagDescriptions.TryGetValue(name, out var description) ? description : null;
        }

        // The generator writes the request's base address with a slash at its end; the paths start with one.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyHeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader.Name,
            Description = "An API key from Security:ApiKeys, in the same header as Azure Functions function keys.",
        };
        document.Components.SecuritySchemes[ApiKeyQueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = ApiKeyHeader.QueryParameter,
            Description = "The API key as a query parameter, as Azure Functions accepts it.",
        };
        if (Security(context.ApplicationServices).Entra.IsConfigured)
        {
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Entra ID access token for the audience in Security:Entra:Audience.",
            };
        }

        // Every 401 refers to it, even in an API where no route names problem details itself.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemDetailsSchema))
        {
            document.Components.Schemas[ProblemDetailsSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        }
    }

    static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var answer in metadata.OfType<ResponseDescription>())
        {
            // The response metadata's own description does not reach the document; the status code's name would stand there.
            if (operation.Responses?.GetValueOrDefault($"{answer.StatusCode}") is OpenApiResponse response)
            {
                response.Description = answer.Description;
            }
        }

        foreach (var query in metadata.OfType<QueryParameterDescription>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Required = false,
                Description = query.Description,
                Schema = new OpenApiSchema
                {
                    Type = query.Format == "int32" ? JsonSchemaType.Integer : JsonSchemaType.String,
                    Format = query.Format,
                },
            });
        }

        var security = Security(context.ApplicationServices);
        if (security.IsOpen || metadata.OfType<IAllowAnonymous>().Any())
        {
            // Stated, not left out: an empty list says that this operation needs no credentials.
            operation.Security = [];
            return Task.CompletedTask;
        }

        // Any one of the schemes will do: one requirement per scheme.
        string[] schemes = security.Entra.IsConfigured ? [ApiKeyHeaderScheme, ApiKeyQueryScheme, BearerScheme] : [ApiKeyHeaderScheme, ApiKeyQueryScheme];
        operation.Security ??= [];
        foreach (var scheme in schemes)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
        }

        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey("401"))
        {
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = "No credentials, or credentials that are not valid.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemDetailsSchema, context.Document) },
                },
            };
        }

        if (metadata.OfType<RoleRequirement>().LastOrDefault() is { } role && !operation.Responses.ContainsKey("403"))
        {
            operation.Responses["403"] = new OpenApiResponse
            {
                Description = $"The caller lacks the role {role.Role} (title \"Role required\", requiredRole), or a delegating key named no person.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemDetailsSchema, context.Document) },
                },
            };
        }

        return Task.CompletedTask;
    }

    static SecurityOptions Security(IServiceProvider services) => services.GetRequiredService<IOptions<SecurityOptions>>().Value;
}
