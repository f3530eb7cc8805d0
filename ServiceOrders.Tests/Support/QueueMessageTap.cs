using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;

namespace ServiceOrders.Tests.Support;

/// <summary>One message a host put on a storage queue, as the storage service received it (decoded from base64).</summary>
public sealed record SentQueueMessage(string Queue, string Body);

/// <summary>
/// Sees every message a queue client sends, at the wire: a policy in the client's HTTP pipeline that records the body
/// of each Put Message request. A host built with <see cref="Client"/> in place of its own queue client sends exactly
/// as before, and the tests can look at what it sent even after a consumer took it off the queue.
/// </summary>
public sealed class QueueMessageTap : HttpPipelineSynchronousPolicy
{
    readonly ConcurrentQueue<SentQueueMessage> sent = new();

    public IReadOnlyList<SentQueueMessage> Sent => sent.ToArray();

    /// <summary>A queue service client as the hosts make one (base64 message text), with this tap in its pipeline.</summary>
    public QueueServiceClient Client(string connectionString)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new QueueServiceClient(connectionString, options);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var path = request.Uri.Path.TrimEnd('/');
        if (request.Method != RequestMethod.Post || request.Content is null || !path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return;
        }

        var queue = Uri.UnescapeDataString(path.Split('/')[^2]);
        string body;
        try
        {
            using var buffer = new MemoryStream();
            request.Content.WriteTo(buffer, CancellationToken.None);
            buffer.Position = 0;
            // The client's XML starts with a byte order mark, which the reader takes care of.
            using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            body = Decode(XDocument.Load(reader).Root?.Element("MessageText")?.Value ?? "");
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or IOException)
        {
            // Never fail the host's send: record what went wrong, and the checks of the message report it.
            body = $"(the tap could not read this message: {ex.Message})";
        }

        sent.Enqueue(new SentQueueMessage(queue, body));
    }

    /// <summary>The message's JSON: base64 of UTF-8, as the hosts send it; anything else as it is.</summary>
    static string Decode(string text)
    {
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return text;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }
}
