using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Queues;

namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// The dead-letter of the storage queue transports: <see cref="IntakeOptions.PoisonQueueName"/>
/// (<see cref="QueueNames.ServiceOrderRequestsPoison"/>), one JSON <see cref="IntakePoisonMessage"/> per message set
/// aside, base64-encoded like every queue message of the product.
/// </summary>
public sealed class IntakePoisonQueue(StorageQueues queues, IOptions<IntakeOptions> options, TimeProvider time)
{
    /// <summary>A queue message holds 64 KiB of base64, so about 48 KiB of JSON; the body gets what the rest leaves.</summary>
    const int MaxRecordBytes = 45 * 1024;

    public async Task AddAsync(IntakeMessage message, IntakeOutcome outcome, CancellationToken cancellationToken)
    {
        var record = ToRecord(message, outcome, time.GetUtcNow());
        var queue = await queues.GetAsync(options.Value.PoisonQueueName, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(record, ServiceOrdersJson.Options), cancellationToken);
    }

    public static IntakePoisonMessage ToRecord(IntakeMessage message, IntakeOutcome outcome, DateTimeOffset at)
    {
        var settlement = outcome.Settlement;
        var errors = outcome is IntakeOutcome.Rejected rejected ? rejected.Errors : null;
        var body = message.Body;
        var (text, isBase64) = AsText(body.Span);
        var record = new IntakePoisonMessage(
            message.MessageId,
            outcome.RequestId,
            message.DeliveryCount,
            settlement.Reason ?? IntakeReasons.TransientFailure,
            settlement.Description ?? "",
            errors,
            at,
            text,
            isBase64,
            BodyTruncated: false,
            body.Length);

        // Cut the body until the record fits one queue message; the reason always survives.
        while (Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(record, ServiceOrdersJson.Options)) > MaxRecordBytes && record.Body.Length > 0)
        {
            record = record with { Body = record.Body[..(record.Body.Length / 2)], BodyTruncated = true };
        }

        return record;
    }

    static (string Text, bool IsBase64) AsText(ReadOnlySpan<byte> body)
    {
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body), false);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), true);
        }
    }
}
