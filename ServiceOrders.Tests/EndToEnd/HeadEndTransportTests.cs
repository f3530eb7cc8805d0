using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>A head-end reached over HTTP that answers on the result queue, as integration teams connect real ones.</summary>
[Collection(StandaloneHostCollection.Name)]
public class HeadEndTransportTests(StandaloneHostFixture host)
{
    static readonly QueueClient Results = new(TestStorage.ConnectionString, StandaloneHostFixture.HeadEndResultQueue,
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    static readonly QueueClient Poison = new(TestStorage.ConnectionString, StandaloneHostFixture.HeadEndResultQueue + "-poison",
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    async Task<string> SubmitReconnectAsync(string meterId)
    {
        var servicePointId = $"SP-{Guid.NewGuid():N}"[..24];
        var requestId = $"REQ-{Guid.NewGuid():N}"[..24];
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, Commodity.Electric, new Meter(meterId, MeterClass.Smart, true, SwitchState.Disconnected, HeadEndId: StandaloneHostFixture.HttpHeadEnd)),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, RequestType.ReconnectForPayment, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        return requestId;
    }

    Task<HeadEndCommand> CommandAsync(string orderId, ActivityKind kind) =>
        Eventually.GetAsync(
            () => Task.FromResult(host.HeadEnd.Received.Select(r => r.Command).FirstOrDefault(c => c.OrderId.Value == orderId && c.Kind == kind)),
            $"{kind} of {orderId} at the head-end");

    static async Task AnswerOnQueueAsync(string commandId, HeadEndResult result)
    {
        await Results.CreateIfNotExistsAsync();
        await Results.SendMessageAsync(JsonSerializer.Serialize(new { commandId, result }, ServiceOrdersJson.Options));
    }

    [Fact]
    public async Task CommandsPostedToAnHttpHeadEnd_AreAnsweredThroughTheResultQueue()
    {
        var orderId = await SubmitReconnectAsync($"M-{Guid.NewGuid():N}"[..20]);

        var connect = await CommandAsync(orderId, ActivityKind.RemoteConnect);
        await AnswerOnQueueAsync(connect.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected));
        var read = await CommandAsync(orderId, ActivityKind.ReadScalar);
        await AnswerOnQueueAsync(read.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded, Readings: [new Reading("1.8.0", 42m, "kWh", DateTimeOffset.UtcNow)]));

        var reply = await host.WaitForReplyAsync(orderId, CisReplyKind.Completed);
        Assert.Equal([42m], reply.Readings!.Select(r => r.Value));
        Assert.All(host.HeadEnd.Received.Where(r => r.Command.OrderId.Value == orderId), r => Assert.Equal(r.Command.CommandId.Value, r.IdempotencyKey));
    }

    [Fact]
    public async Task AnInterimAcceptance_IsTakenOnBothRoutes_WithoutReachingTheOrder()
    {
        var orderId = await SubmitReconnectAsync($"M-{Guid.NewGuid():N}"[..20]);
        var connect = await CommandAsync(orderId, ActivityKind.RemoteConnect);

        var accepted = await host.Http.PostAsJsonAsync($"api/headend/commands/{connect.CommandId.Value}/result", new HeadEndResult(CommandOutcome.Accepted), ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetBoolean());
        await AnswerOnQueueAsync(connect.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected));
        var read = await CommandAsync(orderId, ActivityKind.ReadScalar);
        await AnswerOnQueueAsync(read.CommandId.Value, new HeadEndResult(CommandOutcome.Accepted));
        await AnswerOnQueueAsync(read.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded, Readings: [new Reading("1.8.0", 9m, "kWh", DateTimeOffset.UtcNow)]));

        await host.WaitForReplyAsync(orderId, CisReplyKind.Completed);
        var order = (await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options))!;
        Assert.DoesNotContain(order.Timeline, t => t.Event is TimelineEvent.CommandAccepted or TimelineEvent.IgnoredMessage);
        Assert.Equal(2, order.Timeline.Count(t => t.Event == TimelineEvent.Succeeded));
        await Poison.CreateIfNotExistsAsync();
        Assert.DoesNotContain((await Poison.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(read.CommandId.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecondResultWithAnotherOutcome_IsNotApplied_ButRaisedToAPerson_WhileARepeatIsAccepted()
    {
        var orderId = await SubmitReconnectAsync($"M-{Guid.NewGuid():N}"[..20]);
        var connect = await CommandAsync(orderId, ActivityKind.RemoteConnect);
        var path = $"api/headend/commands/{connect.CommandId.Value}/result";

        var first = await host.Http.PostAsJsonAsync(path, new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected), ServiceOrdersJson.Options);
        var repeat = await host.Http.PostAsJsonAsync(path, new HeadEndResult(CommandOutcome.Succeeded, SwitchState.Connected, Error: "sent again"), ServiceOrdersJson.Options);
        var contradiction = await host.Http.PostAsJsonAsync(path, new HeadEndResult(CommandOutcome.Failed, Error: "relay stuck"), ServiceOrdersJson.Options);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Conflict), (first.StatusCode, repeat.StatusCode, contradiction.StatusCode));
        var problem = await contradiction.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTitles.ConflictingAnswer, problem.GetProperty("title").GetString());
        Assert.Contains("Succeeded, switch Connected", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var raised = await Eventually.GetAsync(async () =>
            (await host.Http.GetFromJsonAsync<OrderException[]>("api/exceptions", ServiceOrdersJson.Options))!.FirstOrDefault(e => e.ActivityId == connect.CommandId.Value),
            "the conflict on the exceptions list");
        Assert.Equal((orderId, ReasonCodes.ConflictingAnswer), (raised.OrderId, raised.ReasonCode));

        // The order went on with the first answer.
        var read = await CommandAsync(orderId, ActivityKind.ReadScalar);
        await AnswerOnQueueAsync(read.CommandId.Value, new HeadEndResult(CommandOutcome.Succeeded, Readings: [new Reading("1.8.0", 7m, "kWh", DateTimeOffset.UtcNow)]));
        var reply = await host.WaitForReplyAsync(orderId, CisReplyKind.Completed);
        Assert.Equal(SwitchState.Connected, reply.FinalState!.Meter!.Switch);

        // A contradiction that comes by queue after the end is set aside with its reason.
        await AnswerOnQueueAsync(read.CommandId.Value, new HeadEndResult(CommandOutcome.Failed, Error: "no register"));
        var poisoned = await Eventually.GetAsync(async () =>
        {
            await Poison.CreateIfNotExistsAsync();
            return (await Poison.PeekMessagesAsync(32)).Value
                .Select(m => JsonSerializer.Deserialize<HeadEndResultPoisonMessage>(m.Body.ToString(), ServiceOrdersJson.Options)!)
                .FirstOrDefault(p => p.Body.Contains(read.CommandId.Value, StringComparison.Ordinal));
        }, "the contradicting result on the poison queue");
        Assert.StartsWith(ReasonCodes.ConflictingAnswer, poisoned.Reason, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"api/exceptions/answers/{connect.CommandId.Value}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync($"api/exceptions/answers/{connect.CommandId.Value}")).StatusCode);
        Assert.DoesNotContain((await host.Http.GetFromJsonAsync<OrderException[]>("api/exceptions", ServiceOrdersJson.Options))!, e => e.ActivityId == connect.CommandId.Value);
    }

    [Fact]
    public async Task ACommandTheHeadEndRefuses_FallsBackToACrewAtOnce()
    {
        var meterId = $"REFUSE-{Guid.NewGuid():N}"[..20];
        host.HeadEnd.Answer = command => command.MeterId.Value.StartsWith("REFUSE", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.Accepted;
        var orderId = await SubmitReconnectAsync(meterId);

        await host.WaitForReplyAsync(orderId, CisReplyKind.Completed);
        var order = await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options);

        Assert.Single(host.HeadEnd.Received, r => r.Command.OrderId.Value == orderId);
        Assert.Contains(order!.Timeline, t => t.Event == TimelineEvent.Failed && t.Kind == ActivityKind.RemoteConnect);
        Assert.Contains(order.Timeline, t => t.Event == TimelineEvent.Succeeded && t.Kind == ActivityKind.Reconnect);
    }

    [Fact]
    public async Task AResultForNoKnownCommand_GoesToThePoisonQueueWithItsReason()
    {
        var commandId = $"NO-SUCH-{Guid.NewGuid():N}"[..24] + ".1";
        await AnswerOnQueueAsync(commandId, new HeadEndResult(CommandOutcome.Succeeded));

        var poisoned = await Eventually.GetAsync(async () =>
        {
            await Poison.CreateIfNotExistsAsync();
            foreach (var message in (await Poison.PeekMessagesAsync(32)).Value)
            {
                var record = JsonSerializer.Deserialize<HeadEndResultPoisonMessage>(message.Body.ToString(), ServiceOrdersJson.Options)!;
                if (record.Body.Contains(commandId, StringComparison.Ordinal))
                {
                    return record;
                }
            }

            return null;
        }, "the result on the poison queue");

        Assert.Contains("No order has a command", poisoned.Reason, StringComparison.Ordinal);
    }
}
