using Microsoft.AspNetCore.Http.Metadata;

namespace ServiceOrders.Api;

/// <summary>
/// What an endpoint answers, in words, for the OpenAPI document. The handlers read their bodies themselves (to answer
/// bad input with problem details), so the generator cannot infer bodies or answers from their signatures: each route
/// states them where it is mapped, with the standard metadata (<c>Accepts</c>, <c>Produces</c>, <c>ProducesProblem</c>),
/// and these helpers add what the standard metadata cannot carry into the document: the description of each answer
/// and the query parameters a handler reads itself. The host's operation transformer writes both into the operation.
/// </summary>
public static class OpenApiDescriptions
{
    public const string Json = "application/json";

    /// <summary>Answers <paramref name="status"/> with a <typeparamref name="T"/> as JSON, for the reason given.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status, string description) =>
        builder.Produces<T>(status, Json).WithMetadata(new ResponseDescription(status, description));

    /// <summary>Answers <paramref name="status"/> with nothing in the body, for the reason given.</summary>
    public static RouteHandlerBuilder AnswersEmpty(this RouteHandlerBuilder builder, int status, string description) =>
        builder.Produces(status).WithMetadata(new ResponseDescription(status, description));

    /// <summary>Answers <paramref name="status"/> with RFC 9457 problem details, for the reason given.</summary>
    public static RouteHandlerBuilder Problem(this RouteHandlerBuilder builder, int status, string description) =>
        builder.ProducesProblem(status).WithMetadata(new ResponseDescription(status, description));

    /// <summary>A query parameter the handler reads itself; <paramref name="format"/> is the OpenAPI format (date-time, int32) or null for text.</summary>
    public static RouteHandlerBuilder WithQueryParameter(this RouteHandlerBuilder builder, string name, string description, string? format = null) =>
        builder.WithMetadata(new QueryParameterDescription(name, description, format));

    /// <summary>
    /// Whether an endpoint says everything the document shows: a name, summary and description, and at least one
    /// answer. Tests go through the host's endpoints with this, so that a route added later without them is noticed.
    /// </summary>
    public static IEnumerable<string> MissingDescriptions(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is null)
        {
            yield return "name";
        }

        if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is not { Summary.Length: > 0 })
        {
            yield return "summary";
        }

        if (endpoint.Metadata.GetMetadata<IEndpointDescriptionMetadata>() is not { Description.Length: > 0 })
        {
            yield return "description";
        }

        if (endpoint.Metadata.GetMetadata<ITagsMetadata>() is not { Tags.Count: > 0 })
        {
            yield return "tag";
        }

        if (!endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Any())
        {
            yield return "answers";
        }
    }
}

/// <summary>What an answer of one status means, for the document (the status code's name would stand there otherwise).</summary>
public sealed record ResponseDescription(int StatusCode, string Description);

/// <summary>A query parameter the handler reads itself; <paramref name="Format"/> is the OpenAPI format (date-time, int32) or null for text.</summary>
public sealed record QueryParameterDescription(string Name, string Description, string? Format);

/// <summary>The answer to a field completion or command result: the order it was passed to.</summary>
public sealed record AnswerAccepted(string OrderId, string ActivityId, bool Accepted);

/// <summary>The answer to a cancellation, date change or operator action: the order it was passed to.</summary>
public sealed record OrderEventAccepted(string OrderId, bool Accepted);

/// <summary>The answer of <c>/api/health</c>: Healthy, or Starting.</summary>
public sealed record HealthStatus(string Status);
