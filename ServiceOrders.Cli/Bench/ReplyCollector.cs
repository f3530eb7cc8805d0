using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Bench;

/// <summary>The replies of one order: the acknowledgement and the final one, each with its <c>at</c> and when the bench read it.</summary>
internal sealed record OrderReplies(DateTimeOffset? AcknowledgedAt, DateTimeOffset? AcknowledgedSeenAt, CisReplyKind? FinalKind, DateTimeOffset? FinalAt, DateTimeOffset? FinalSeenAt);

/// <summary>
/// Reads <c>cis-replies</c> as the CIS would (base64 JSON <c>CisReply</c>), keeps each order's acknowledgement and final
/// reply.
/// </summary>
internal sealed class ReplyCollector(QueueClient queue, TimeProvider time)
{
    readonly ConcurrentDictionary<string, OrderReplies> replies = new(StringComparer.Ordinal);
    int acknowledged;
    int final;

    public int Acknowledged => Volatile.Read(ref acknowledged);

    public int Final => Volatile.Read(ref final);

    public IReadOnlyDictionary<string, OrderReplies> Replies => replies;

    public Task RunAsync(CancellationToken cancellationToken) => QueueDrain.RunAsync(queue, time, Take, cancellationToken);
    void Take(QueueMessage message, DateTimeOffset seenAt)
    {
        CisReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize<CisReply>(message.Body.ToString(), ServiceOrdersJson.Options);
        }
        catch (JsonException)
        {
            return;
        }

        if (reply is null || !reply.RequestId.StartsWith(BenchWorkload.IdPrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (reply.Kind == CisReplyKind.Acknowledged)
        {
            var isNew = false;
            replies.AddOrUpdate(reply.RequestId,
                _ => { isNew = true; return new(reply.At, seenAt, null, null, null); },
                (_, r) => { isNew = r.AcknowledgedAt is null; return r.AcknowledgedAt is null ? r with { AcknowledgedAt = reply.At, AcknowledgedSeenAt = seenAt } : r; });
            if (isNew)
            {
                Interlocked.Increment(ref acknowledged);
            }
        }
        else if (reply.Kind.IsFinal())
        {
            var isNew = false;
            replies.AddOrUpdate(reply.RequestId,
                _ => { isNew = true; return new(null, null, reply.Kind, reply.At, seenAt); },
                (_, r) => { isNew = r.FinalKind is null; return r.FinalKind is null ? r with { FinalKind = reply.Kind, FinalAt = reply.At, FinalSeenAt = seenAt } : r; });
            if (isNew)
            {
                Interlocked.Increment(ref final);
            }
        }
    }
}
