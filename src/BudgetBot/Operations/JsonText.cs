using System.Text.Json;

namespace BudgetBot.Operations;

// System.Text.Json parses a string holding invalid UTF-8 or an escaped lone surrogate ("\ud800")
// and only throws when the string is read, deep inside a reader. One walk right after parsing finds
// every such string or property name, so the body is refused with a 400 before anything reads it.
internal static class JsonText
{
    public const string Problem = "the body holds text that is not valid UTF-8 or UTF-16 (a lone surrogate?)";

    public static bool IsValid(JsonElement e)
    {
        try
        {
            Walk(e);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Walk(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                _ = e.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    _ = p.Name;
                    Walk(p.Value);
                }
                break;
        }
    }
}
