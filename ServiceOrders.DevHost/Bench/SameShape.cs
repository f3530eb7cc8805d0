using Microsoft.DurableTask;

namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// The shape of an orchestration, as the bench counts it in a run's history: activities scheduled, external events
/// raised, durable timers created, per instance.
/// </summary>
public sealed record BaselineShape(int Activities, int Events, int Timers)
{
    public const int Max = 100;

    /// <summary>Why this shape cannot be run, or null: each count 0 to <see cref="Max"/>, and an activity to ask for the events.</summary>
    public string? Problem() =>
        Activities is < 0 or > Max || Events is < 0 or > Max || Timers is < 0 or > Max ? $"activities, events and timers must each be 0 to {Max}."
        : Activities == 0 ? "a shape needs at least one activity."
        : null;
}

/// <summary>What one step of a <see cref="SameShape"/> orchestration does.</summary>
public enum ShapeStepKind
{
    /// <summary>A trivial activity.</summary>
    Activity,

    /// <summary>An activity that asks for <see cref="ShapeStep.Events"/> events, then the waits for them, under one deadline timer when <see cref="ShapeStep.Deadline"/>.</summary>
    Command,

    /// <summary>A durable timer due at once.</summary>
    Timer,
}

public sealed record ShapeStep(ShapeStepKind Kind, int Events = 0, bool Deadline = false);

/// <summary>
/// Lays a shape out the way a smart-meter order uses it: the events come in groups, each asked for by one command
/// activity (a head-end command and its answers); the first groups wait under one deadline timer each, as a command's
/// answers share one; the other activities are split before and after the commands; timers beyond the groups are due
/// at once, at the end.
/// </summary>
public static class ShapePlan
{
    public static IReadOnlyList<ShapeStep> Of(BaselineShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(shape));
        }

        // As many commands as deadlines (one timer per command), else two answers per command; never more than the activities.
        var groups = shape.Events == 0 ? 0 : Math.Min(shape.Activities, shape.Timers > 0 ? Math.Min(shape.Timers, shape.Events) : (shape.Events + 1) / 2);
        var plain = shape.Activities - groups;
        var before = (plain + 1) / 2;
        var steps = new List<ShapeStep>();
        steps.AddRange(Enumerable.Repeat(new ShapeStep(ShapeStepKind.Activity), before));
        for (var g = 0; g < groups; g++)
        {
            var events = (shape.Events / groups) + (g < shape.Events % groups ? 1 : 0);
            steps.Add(new ShapeStep(ShapeStepKind.Command, events, Deadline: g < shape.Timers));
        }

        steps.AddRange(Enumerable.Repeat(new ShapeStep(ShapeStepKind.Activity), plain - before));
        steps.AddRange(Enumerable.Repeat(new ShapeStep(ShapeStepKind.Timer), Math.Max(shape.Timers - groups, 0)));
        return steps;
    }
}

/// <summary>What a step activity gets: the instance (for the answers to go to), how many answers to ask for, and whether it is the last activity.</summary>
public sealed record ShapeActivityInput(string InstanceId, int Events, bool Last);

/// <summary>
/// The bare engine in the shape of a product order (<see cref="ShapePlan"/>): trivial activities, commands whose
/// answers are raised from outside the orchestration by a client call (<see cref="BaselineWorkload"/>), as the
/// head-end's are, and deadline timers that are cancelled once the answers are in.
/// </summary>
public sealed class SameShape : TaskOrchestrator<BaselineShape, int>
{
    public const string Name = nameof(SameShape);
    public const string Step = "SameShapeStep";
    public const string Answer = "SameShapeAnswer";

    /// <summary>As long as a head-end command's deadline: never due during a run.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, BaselineShape input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var steps = ShapePlan.Of(input);
        var lastActivity = steps.Select((s, i) => (s, i)).Last(x => x.s.Kind != ShapeStepKind.Timer).i;
        var answers = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            switch (step.Kind)
            {
                case ShapeStepKind.Activity:
                    await context.CallActivityAsync<int>(Step, new ShapeActivityInput(context.InstanceId, 0, i == lastActivity));
                    break;
                case ShapeStepKind.Command:
                    await context.CallActivityAsync<int>(Step, new ShapeActivityInput(context.InstanceId, step.Events, i == lastActivity));
                    using (var cancel = new CancellationTokenSource())
                    {
                        var deadline = step.Deadline ? context.CreateTimer(context.CurrentUtcDateTime.Add(Deadline), cancel.Token) : null;
                        for (var e = 0; e < step.Events; e++)
                        {
                            var answer = context.WaitForExternalEvent<int>(Answer);
                            if (deadline is not null && await Task.WhenAny(answer, deadline) == deadline)
                            {
                                return -1;
                            }

                            answers += await answer;
                        }

                        CancelNow(cancel);
                    }

                    break;
                default:
                    await context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
                    break;
            }
        }

        return answers;
    }

    /// <summary>Synchronously: an orchestrator may only await durable tasks, and an asynchronous cancel would resume it off its thread.</summary>
    static void CancelNow(CancellationTokenSource cancellation) => cancellation.Cancel();
}
