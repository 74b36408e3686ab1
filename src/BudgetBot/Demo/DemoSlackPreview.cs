using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Demo;

// No bot token is configured, so Slack messages wait in the outbox; the demo prints each new
// chat.postMessage as Slack would lay it out: header, sections, fields, context and buttons.
internal sealed partial class DemoSlackPreview(IServiceProvider services, TextWriter output)
{
    private long seen;

    public async Task PrintNewAsync()
    {
        var db = services.GetRequiredService<Database>();
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<(long Id, string Payload)>(
            "SELECT id AS Id, payload AS Payload FROM outbox_messages WHERE channel = 'slack' AND kind = 'chat.postMessage' AND id > @Seen ORDER BY id;",
            new { Seen = seen })).ToList();
        foreach (var (id, payload) in rows)
        {
            seen = id;
            await output.WriteAsync(Render(payload));
        }
        if (rows.Count == 0)
        {
            await output.WriteLineAsync("   (nothing posted)");
        }
    }

    public async Task PrintDigestAsync()
    {
        var digest = services.GetServices<IScheduledJob>().First(j => j.Name == "digest");
        await digest.RunAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        await PrintNewAsync();
    }

    internal static string Render(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var text = new StringBuilder();
        text.AppendLine($"   ┌ to {root.GetProperty("channel").GetString()}");
        if (!root.TryGetProperty("blocks", out var blocks))
        {
            Line(text, root.GetProperty("text").GetString());
            return text.Append("   └\n").ToString();
        }
        foreach (var block in blocks.EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Line(text, "*" + TextOf(block.GetProperty("text")) + "*");
                    break;
                case "section":
                    Line(text, block.TryGetProperty("text", out var t) ? TextOf(t) : null);
                    Line(text, block.TryGetProperty("fields", out var f) ? string.Join("   ", f.EnumerateArray().Select(x => TextOf(x).Replace('\n', ' '))) : null);
                    break;
                case "context":
                    Line(text, string.Join(" · ", block.GetProperty("elements").EnumerateArray().Where(e => e.TryGetProperty("text", out _)).Select(TextOf)));
                    break;
                case "actions":
                    Line(text, string.Join(" ", block.GetProperty("elements").EnumerateArray().Select(e => "[" + TextOf(e.GetProperty("text")) + "]")));
                    break;
                case "divider":
                    Line(text, "────");
                    break;
            }
        }
        return text.Append("   └\n").ToString();
    }

    // Slack's markup for dates, mentions and channels shown as the reader sees it.
    private static string Plain(string mrkdwn) =>
        DateToken().Replace(Mention().Replace(mrkdwn, "$1$2"), "$1").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");

    [GeneratedRegex(@"<!date\^\d+\^[^|>]*\|([^>]*)>")]
    private static partial Regex DateToken();

    [GeneratedRegex(@"<([@#])([A-Z0-9]+)>")]
    private static partial Regex Mention();

    private static string TextOf(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetProperty("text").GetString()!;

    private static void Line(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        foreach (var line in Plain(value).Split('\n'))
        {
            text.AppendLine("   │ " + line);
        }
    }
}
