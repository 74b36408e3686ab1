using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBot.Usage;

// One genai-prices match clause: equals, starts_with, ends_with, contains, regex, or a list under
// or / and. Ids are lower-cased before matching, as genai-prices does.
internal sealed record MatchRule(string Kind, string Text, IReadOnlyList<MatchRule> Clauses, Regex? Pattern)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public bool IsMatch(string id) => Kind switch
    {
        "equals" => id == Text,
        "starts_with" => id.StartsWith(Text, StringComparison.Ordinal),
        "ends_with" => id.EndsWith(Text, StringComparison.Ordinal),
        "contains" => id.Contains(Text, StringComparison.Ordinal),
        "regex" => Pattern!.IsMatch(id),
        "or" => Clauses.Any(c => c.IsMatch(id)),
        _ => Clauses.All(c => c.IsMatch(id)),
    };

    // Returns null (with the errors recorded) when the clause is not one of the seven shapes.
    public static MatchRule? Read(JsonElement e, string path, CatalogErrors errors)
    {
        if (e.ValueKind != JsonValueKind.Object || e.EnumerateObject().Count() != 1)
        {
            errors.Add(path, "must be an object with exactly one of equals, starts_with, ends_with, contains, regex, or, and");
            return null;
        }
        var clause = e.EnumerateObject().First();
        var at = $"{path}.{clause.Name}";
        switch (clause.Name)
        {
            case "equals" or "starts_with" or "ends_with" or "contains" or "regex":
                if (clause.Value.ValueKind != JsonValueKind.String || clause.Value.GetString() is not { Length: > 0 } text)
                {
                    errors.Add(at, "must be a non-empty string");
                    return null;
                }
                return clause.Name == "regex" ? Regex(text, at, errors) : new MatchRule(clause.Name, text, [], null);
            case "or" or "and":
                if (clause.Value.ValueKind != JsonValueKind.Array || clause.Value.GetArrayLength() == 0)
                {
                    errors.Add(at, "must be a non-empty array of clauses");
                    return null;
                }
                var clauses = clause.Value.EnumerateArray().Select((c, i) => Read(c, $"{at}[{i}]", errors)).ToList();
                return clauses.Any(c => c is null) ? null : new MatchRule(clause.Name, "", clauses!, null);
            default:
                errors.Add(at, "is not a match clause (equals, starts_with, ends_with, contains, regex, or, and)");
                return null;
        }
    }

    private static MatchRule? Regex(string text, string path, CatalogErrors errors)
    {
        try
        {
            return new MatchRule("regex", text, [], new Regex(text, RegexOptions.CultureInvariant, RegexTimeout));
        }
        catch (ArgumentException ex)
        {
            errors.Add(path, $"is not a valid regular expression ({ex.Message})");
            return null;
        }
    }
}
