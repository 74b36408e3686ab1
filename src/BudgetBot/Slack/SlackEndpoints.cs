using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// POST /slack/commands, /slack/interactivity, /slack/events (DESIGN §5, §10). Each verifies the raw
// body, does only local work and answers at once; Web API calls leave through the outbox afterwards.
// A verified request acts once: a replay of it gets the first answer (SlackReplays).
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

    private static async Task<IResult> CommandAsync(HttpRequest request, SlackRequestReader reader, SlackReplays replays, CommandDispatcher dispatcher, CancellationToken ct)
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
        return await replays.OnceAsync(SlackRequestReader.SignatureOf(request), request.Path, async () =>
        {
            var command = BudgetCommandParser.Parse(form.GetValueOrDefault("text").ToString());
            var reply = await dispatcher.DispatchAsync(command, form.GetValueOrDefault("user_id").ToString(), form.GetValueOrDefault("channel_id").ToString(), ct);
            return SlackAnswer.Of(reply);
        }, ct);
    }

    private static async Task<IResult> InteractAsync(HttpRequest request, SlackRequestReader reader, SlackReplays replays, SlackInteractions interactions, CancellationToken ct)
    {
        var (body, refusal) = await reader.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        return await replays.OnceAsync(SlackRequestReader.SignatureOf(request), request.Path, async () =>
        {
            if (!SlackRequestReader.Form(body).TryGetValue("payload", out var payload) || SlackRequestReader.ParseJson(payload.ToString()) is not JsonObject json)
            {
                return SlackAnswer.BadRequest("An interaction carries a form field named payload holding a JSON object.");
            }
            var answer = await interactions.HandleAsync(json, ct);
            return answer is null ? SlackAnswer.Empty : SlackAnswer.Of(answer);
        }, ct);
    }

    private static async Task<IResult> EventAsync(HttpRequest request, SlackRequestReader reader, SlackReplays replays, Database db, SlackOutboxWriter slack, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await reader.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        return await replays.OnceAsync(SlackRequestReader.SignatureOf(request), request.Path, () => HandleEventAsync(body, db, slack, clock, ct), ct);
    }

    private static async Task<SlackAnswer> HandleEventAsync(byte[] body, Database db, SlackOutboxWriter slack, TimeProvider clock, CancellationToken ct)
    {
        if (SlackRequestReader.ParseJson(body) is not JsonObject root)
        {
            return SlackAnswer.BadRequest("An Events API request is a JSON object.");
        }
        var type = SlackText.Of(root["type"]);
        if (type == "url_verification")
        {
            return SlackAnswer.Of(new JsonObject { ["challenge"] = SlackText.Of(root["challenge"]) });
        }
        if (type != "event_callback" || SlackText.Of(root["event_id"]) is not { Length: > 0 } eventId)
        {
            return SlackAnswer.Empty;
        }
        var ev = root["event"] as JsonObject;
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
            if (ev is not null && SlackText.Of(ev["type"]) == "app_mention" && ev["bot_id"] is null && SlackText.Of(ev["channel"]) is { } channel)
            {
                var reply = SlackBlocks.Message("Hi! I answer `/budget` commands. " + BudgetCommandParser.Usage);
                reply["channel"] = channel;
                reply["thread_ts"] = SlackText.Of(ev["ts"]);
                await slack.EnqueueAsync(c, tx, "chat.postMessage", "slack:" + channel, reply);
            }
            return true;
        }, ct);
        if (first)
        {
            slack.Notify();
        }
        return SlackAnswer.Empty;
    }
}
