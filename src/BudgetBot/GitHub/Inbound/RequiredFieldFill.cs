using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBot.GitHub;

// Octokit.Webhooks' typed models mark fields `required` that GitHub's own examples lack (a completed
// workflow_run without display_title, path, actor, triggering_actor; a ping without
// hook.deliveries_url). BudgetBot reads none of them, so such a delivery is read with those fields
// set to null: the typed model is kept, and only a field it demands and the payload lacks is filled.
internal static partial class RequiredFieldFill
{
    // The body with null for each required property the exception names, or null when the failure is
    // something else (a wrong type, broken JSON): those stay unparsed.
    public static string? Fill(string body, JsonException e)
    {
        var names = Missing().Match(e.Message);
        if (!names.Success || JsonNode.Parse(body) is not JsonObject root)
        {
            return null;
        }
        var target = Navigate(root, e.Path);
        if (target is null)
        {
            return null;
        }
        var added = false;
        foreach (Match name in Quoted().Matches(names.Groups[1].Value))
        {
            added |= target.TryAdd(name.Groups[1].Value, null);
        }
        return added ? root.ToJsonString() : null;
    }

    // The innermost object along a path such as $.workflow_run.pull_requests[0].base or $['hook'].
    private static JsonObject? Navigate(JsonObject root, string? path)
    {
        JsonNode? current = root;
        var innermost = root;
        foreach (Match step in Step().Matches(path ?? "$"))
        {
            current = step.Groups["name"].Success ? (current as JsonObject)?[step.Groups["name"].Value]
                : step.Groups["quoted"].Success ? (current as JsonObject)?[step.Groups["quoted"].Value]
                : current is JsonArray a && int.TryParse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count ? a[i]
                : null;
            if (current is JsonObject o)
            {
                innermost = o;
            }
            else if (current is not JsonArray)
            {
                break;
            }
        }
        return innermost;
    }

    [GeneratedRegex("missing required properties including: (.*?)\\.?( Path:|$)", RegexOptions.Singleline)]
    private static partial Regex Missing();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("\\.(?<name>[A-Za-z0-9_]+)|\\['(?<quoted>[^']+)'\\]|\\[(?<index>[0-9]+)\\]")]
    private static partial Regex Step();
}
