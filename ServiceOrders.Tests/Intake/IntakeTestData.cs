using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Intake;

/// <summary>Messages as the CIS sends them, written as raw JSON the way the README documents them, and the intake under test.</summary>
public static class IntakeTestData
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A meter read at a service point with a smart meter: one command, and the order completes.</summary>
    public static string ReadMeterJson(string requestId, string servicePointId) =>
        $$"""
        {
          "requestId": "{{requestId}}",
          "requestType": "ReadMeter",
          "servicePointId": "{{servicePointId}}",
          "commodity": "Electric",
          "readKind": "Scalar",
          "requestingSystem": "CIS-TEST"
        }
        """;

    public static IntakeMessage Message(string body, int deliveryCount = 1, string? messageId = null) =>
        new(Encoding.UTF8.GetBytes(body), messageId ?? Guid.NewGuid().ToString("N"), deliveryCount);

    public static IntakeOptions FastRetries(int maxDeliveryCount = 5) => new()
    {
        MaxDeliveryCount = maxDeliveryCount,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
    };

    public static ServiceOrderIntake NewIntake(ICisReplySender replies, IntakeOptions? options = null) => new(
        replies,
        Options.Create(new OrderPolicyOptions()),
        Options.Create(options ?? FastRetries()),
        TimeProvider.System,
        NullLogger<ServiceOrderIntake>.Instance);
}

/// <summary>The CIS's reply queue as a list; it can be made to fail, as an unavailable queue would.</summary>
public sealed class RecordingCisReplies : ICisReplySender
{
    public ConcurrentQueue<CisReply> Replies { get; } = new();

    public Exception? Failure { get; set; }

    public Task SendAsync(CisReply reply, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Replies.Enqueue(reply);
        return Task.CompletedTask;
    }
}

/// <summary>An engine whose storage is gone: every call fails as the Azure Storage provider would.</summary>
public sealed class UnavailableEngine : IOrderEngine
{
    public int Starts { get; private set; }

    public Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken)
    {
        Starts++;
        throw new Azure.RequestFailedException(503, "The server is busy.");
    }

    public Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken) =>
        throw new Azure.RequestFailedException(503, "The server is busy.");

    public Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) =>
        throw new Azure.RequestFailedException(503, "The server is busy.");

    public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken) =>
        throw new Azure.RequestFailedException(503, "The server is busy.");
}
