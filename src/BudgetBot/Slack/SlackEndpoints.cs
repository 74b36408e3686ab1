using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// POST /slack/commands, /slack/interactivity, /slack/events (DESIGN §5, §10). Each verifies the raw
// body, does only local work and answers at once; Web API calls leave through the outbox afterwards.
internal static class SlackEndpoints
{
    internal static readonly SqlStatement SeenEvent = new("Slack.SeenEvent", "INSERT INTO slack_events (event_id, received_at_ms) VALUES (@EventId, @Now);");

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/slack").ExcludeFromDescription();
        group.MapPost("/commands", CommandAsync);
        group.MapPost("/interactivity", InteractAsync);
        group.MapPost("/events", EventAsync);
        return app;
    }

    private static async Task<IResult> CommandAsync(HttpRequest request, SlackRequestReader reader, CommandDispatcher dispatcher, CancellationToken ct)
    {
        var (body, refusal) = await reader.ReadAsync(request, ct);
        var form = SlackRequestReader.Form(body);
        if (form.TryGetValue("ssl_check", out var ssl) && ssl == "1")
        {
            // Slack's certificate probe: answered, never dispatched, whatever its signature.
            return Results.Ok();
        }
        if (refusal is not null)
        {
            return refusal;
        }
        var command = BudgetCommandParser.Parse(form.GetValueOrDefault("text").ToString());
        var reply = await dispatcher.DispatchAsync(command, form.GetValueOrDefault("user_id").ToString(), form.GetValueOrDefault("channel_id").ToString(), ct);
        return Results.Text(reply.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> InteractAsync(HttpRequest request, SlackRequestReader reader, SlackInteractions interactions, CancellationToken ct)
    {
        var (body, refusal) = await reader.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!SlackRequestReader.Form(body).TryGetValue("payload", out var payload) || JsonNode.Parse(payload.ToString()) is not JsonObject json)
        {
            return Results.BadRequest();
        }
        var answer = await interactions.HandleAsync(json, ct);
        return answer is null ? Results.Ok() : Results.Text(answer.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> EventAsync(HttpRequest request, SlackRequestReader reader, Database db, SlackOutboxWriter slack, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await reader.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "url_verification")
        {
            return Results.Json(new { challenge = root.GetProperty("challenge").GetString() });
        }
        if (type != "event_callback" || !root.TryGetProperty("event_id", out var id) || id.GetString() is not { Length: > 0 } eventId)
        {
            return Results.Ok();
        }
        var first = await db.WriteAsync(async (c, tx) =>
        {
            try
            {
                await c.ExecuteAsync(db.Sql(SeenEvent), new { EventId = eventId, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
            }
            catch (Exception e) when (Constraints.IsDuplicateKey(e))
            {
                return false;
            }
            if (root.GetProperty("event") is { } ev && ev.TryGetProperty("type", out var et) && et.GetString() == "app_mention"
                && ev.TryGetProperty("bot_id", out _) is false && ev.TryGetProperty("channel", out var channel))
            {
                var reply = SlackBlocks.Message("Hi! I answer `/budget` commands. " + BudgetCommandParser.Usage);
                reply["channel"] = channel.GetString();
                reply["thread_ts"] = ev.TryGetProperty("ts", out var ts) ? ts.GetString() : null;
                await slack.EnqueueAsync(c, tx, "chat.postMessage", "slack:" + channel.GetString(), reply);
            }
            return true;
        }, ct);
        if (first)
        {
            slack.Notify();
        }
        return Results.Ok();
    }
}
