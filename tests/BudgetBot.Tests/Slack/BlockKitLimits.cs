using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Slack;

// Block Kit's documented limits (docs/reference/slack.md §6), checked on every rendered message.
internal static class BlockKitLimits
{
    public static void Check(JsonObject message)
    {
        var isModal = message["type"]?.GetValue<string>() == "modal";
        if (message["blocks"] is JsonArray blocks)
        {
            Assert.True(blocks.Count <= (isModal ? 100 : 50), "too many blocks");
            foreach (var block in blocks.OfType<JsonObject>())
            {
                CheckBlock(block);
            }
        }
        if (isModal)
        {
            foreach (var key in new[] { "title", "submit", "close" })
            {
                Assert.True(Text(message[key]).Length <= 24, $"modal {key} too long");
            }
            Assert.True(message["private_metadata"]!.GetValue<string>().Length <= 3000);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(message["text"]?.GetValue<string>()), "a message needs its fallback text");
        }
    }

    private static void CheckBlock(JsonObject block)
    {
        var type = block["type"]!.GetValue<string>();
        Assert.True((block["block_id"]?.GetValue<string>().Length ?? 0) <= 255);
        switch (type)
        {
            case "header":
                Assert.True(Text(block["text"]).Length <= 150);
                break;
            case "section":
                Assert.True(Text(block["text"]).Length <= 3000);
                if (block["fields"] is JsonArray fields)
                {
                    Assert.True(fields.Count <= 10);
                    Assert.All(fields, f => Assert.True(Text(f).Length <= 2000));
                }
                break;
            case "context":
                Assert.True(((JsonArray)block["elements"]!).Count <= 10);
                break;
            case "actions":
                var elements = (JsonArray)block["elements"]!;
                Assert.True(elements.Count <= 25);
                Assert.True(elements.Count(e => e!["style"]?.GetValue<string>() == "primary") <= 1);
                foreach (var e in elements.OfType<JsonObject>())
                {
                    Assert.True(Text(e["text"]).Length <= 75);
                    Assert.True(e["value"]!.GetValue<string>().Length <= 2000);
                    Assert.True(e["action_id"]!.GetValue<string>().Length <= 255);
                }
                break;
            case "input":
                Assert.NotNull(block["label"]);
                break;
            default:
                Assert.Fail("unexpected block type " + type);
                break;
        }
        AssertEscaped(block);
    }

    // Our own markup is <@U…>, <#C…> and <!date^…>; anything else in angle brackets is unescaped user text.
    private static void AssertEscaped(JsonNode node)
    {
        var json = node.ToJsonString();
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<batch>", json, StringComparison.Ordinal);
    }

    private static string Text(JsonNode? node) => node?["text"]?.GetValue<string>() ?? node?.GetValue<string>() ?? "";
}
