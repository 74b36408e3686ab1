using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;

namespace BudgetBot.Tests.Alerts;

internal sealed record OutboxRow(string Channel, string Kind, string Target, string Payload);

internal static class SlackPayloads
{
    // What was queued for Slack, oldest first, whatever the worker has done with it since.
    public static async Task<List<OutboxRow>> SlackRowsAsync(this TestApp app)
    {
        var db = app.Get<Database>();
        return await db.ReadAsync(async c => (await c.QueryAsync<(string, string, string, string)>(
                "SELECT channel, kind, target, payload FROM outbox_messages WHERE channel = 'slack' ORDER BY id"))
            .Select(r => new OutboxRow(r.Item1, r.Item2, r.Item3, r.Item4)).ToList());
    }

    // Block Kit limits from docs/reference/slack.md §6; every message test runs its payload through this.
    public static void AssertWithinLimits(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("channel").GetString()));
        Assert.InRange(root.GetProperty("text").GetString()!.Length, 1, 40_000);
        AssertOnlyOurMarkup(root.GetProperty("text").GetString()!);
        foreach (var text in MrkdwnTexts(root))
        {
            AssertOnlyOurMarkup(text);
        }
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.InRange(block.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 150);
                    break;
                case "section" when block.TryGetProperty("text", out var text):
                    Assert.InRange(text.GetProperty("text").GetString()!.Length, 1, 3000);
                    break;
                case "section":
                    var fields = block.GetProperty("fields").EnumerateArray().ToList();
                    Assert.InRange(fields.Count, 1, 10);
                    Assert.All(fields, f => Assert.InRange(f.GetProperty("text").GetString()!.Length, 1, 2000));
                    break;
                case "context":
                    Assert.InRange(block.GetProperty("elements").GetArrayLength(), 1, 10);
                    break;
            }
        }
    }

    // User text is escaped, so the only '<' left opens markup we wrote: a date, a user mention or a link.
    private static void AssertOnlyOurMarkup(string text)
    {
        var stray = Regex.Match(text, "<(?!!date\\^|@U[A-Z0-9]+>|#C[A-Z0-9]+>|https://)");
        Assert.False(stray.Success, $"unescaped '<' at {stray.Index} in: {text}");
        Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", text);
    }

    private static IEnumerable<string> MrkdwnTexts(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.TryGetProperty("type", out var t) && t.GetString() == "mrkdwn" => [e.GetProperty("text").GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => MrkdwnTexts(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(MrkdwnTexts),
        _ => [],
    };
}
