using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Activities;

/// <summary>
/// A head-end's answer on the result queue (default <c>headend-results</c>), for head-ends that answer by queue rather
/// than on <c>POST /api/headend/commands/{commandId}/result</c>. <see cref="CommandId"/> is the idempotency and
/// correlation key.
/// </summary>
/// <param name="CommandId">The <see cref="HeadEndCommand.CommandId"/> of the command it answers.</param>
/// <param name="Result">What became of the command.</param>
/// <param name="TraceParent">Optional W3C <c>traceparent</c> of the sender's trace (for an answer: the one its dispatch or command carried); an invalid value is ignored.</param>
/// <param name="TraceState">Optional W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>.</param>
public sealed record HeadEndResultMessage(string CommandId, HeadEndResult Result,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);
