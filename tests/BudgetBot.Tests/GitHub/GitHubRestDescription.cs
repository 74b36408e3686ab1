using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBot.Tests.GitHub;

// GitHub's published REST description, reduced to the operations BudgetBot calls
// (Fixtures/github-rest/operations.json, extracted from @octokit/openapi by tests/tools/
// extract-github-rest.mjs). Problems(request) lists every way a recorded request departs from it:
// an unknown method and path, a body where none is taken, a missing required field, a field the
// operation does not have, a wrong type, a value outside an enum or over a length limit.
internal static class GitHubRestDescription
{
    private static readonly Lazy<IReadOnlyList<Operation>> Operations = new(Load);

    public static IReadOnlyList<string> Problems(RecordedRequest r)
    {
        if (r.Path.EndsWith("/graphql", StringComparison.Ordinal))
        {
            return [];
        }
        var op = Operations.Value.FirstOrDefault(o => o.Method == r.Method.Method && o.Path.IsMatch(r.Path));
        if (op is null)
        {
            return [$"{r.Method} {r.Path} is not an operation of GitHub's REST description (or not in the extract)"];
        }
        var where = $"{r.Method} {r.Path} ({op.Id})";
        var problems = new List<string>();
        var hasBody = !string.IsNullOrEmpty(r.Body);
        if (op.Body is not { } schema)
        {
            if (hasBody)
            {
                problems.Add($"{where} takes no body");
            }
            return problems;
        }
        if (!hasBody)
        {
            if (schema.TryGetProperty("required", out var required) && required.GetArrayLength() > 0)
            {
                problems.Add($"{where} needs a body");
            }
            return problems;
        }
        Check(r.Json(), schema, where + " body", strict: true, problems);
        return problems;
    }

    public static void AssertConforms(IEnumerable<RecordedRequest> requests)
    {
        var problems = requests.SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Check(JsonElement value, JsonElement schema, string at, bool strict, List<string> problems)
    {
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type.GetString()!))
        {
            problems.Add($"{at} is {value.ValueKind}, not {type.GetString()}");
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            problems.Add($"{at} = {value} is not one of {values}");
        }
        if (schema.TryGetProperty("maxLength", out var maxLength) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > maxLength.GetInt32())
        {
            problems.Add($"{at} is longer than {maxLength.GetInt32()}");
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("maxItems", out var maxItems) && value.GetArrayLength() > maxItems.GetInt32())
            {
                problems.Add($"{at} has more than {maxItems.GetInt32()} items");
            }
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{at}[{i++}]", strict, problems);
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, at, strict, problems);
        }
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                var failures = branches.EnumerateArray().Select(b => { var p = new List<string>(); Check(value, b, at, strict: false, p); return p; }).ToList();
                if (failures.All(f => f.Count > 0))
                {
                    problems.Add($"{at} matches none of its {keyword} branches: {string.Join(" / ", failures.Select(f => string.Join("; ", f)))}");
                }
            }
        }
    }

    private static void CheckObject(JsonElement value, JsonElement schema, string at, bool strict, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                problems.Add($"{at} lacks required {name}");
            }
        }
        foreach (var field in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(field.Name, out var fieldSchema))
            {
                Check(field.Value, fieldSchema, $"{at}.{field.Name}", strict: true, problems);
            }
            else if (strict && properties.ValueKind == JsonValueKind.Object)
            {
                problems.Add($"{at}.{field.Name} is not a field of this operation");
            }
        }
    }

    private static bool TypeMatches(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => true,
    };

    private static IReadOnlyList<Operation> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github-rest", "operations.json")));
        return doc.RootElement.GetProperty("operations").EnumerateArray().Select(o => new Operation(
            o.GetProperty("method").GetString()!,
            new Regex("^" + Regex.Replace(Regex.Escape(o.GetProperty("path").GetString()!), @"\\\{[a-z_]+}", "[^/]+") + "$"),
            o.GetProperty("operationId").GetString()!,
            o.TryGetProperty("requestBody", out var body) ? body.Clone() : null)).ToList();
    }

    private sealed record Operation(string Method, Regex Path, string Id, JsonElement? Body);
}
