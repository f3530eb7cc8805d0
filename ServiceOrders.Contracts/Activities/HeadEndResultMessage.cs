namespace ServiceOrders.Contracts.Activities;

/// <summary>
/// A head-end's answer on the result queue (default <c>headend-results</c>), for head-ends that answer by queue rather
/// than on <c>POST /api/headend/commands/{commandId}/result</c>. <see cref="CommandId"/> is the idempotency and
/// correlation key.
/// </summary>
/// <param name="CommandId">The <see cref="HeadEndCommand.CommandId"/> of the command it answers.</param>
/// <param name="Result">What became of the command.</param>
public sealed record HeadEndResultMessage(string CommandId, HeadEndResult Result);
