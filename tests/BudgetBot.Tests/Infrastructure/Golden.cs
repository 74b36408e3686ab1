using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Infrastructure;

// Compares output with a file under Golden/ (e.g. "github/typical.md", "slack/digest.json"), naming
// the first differing line. With BUDGETBOT_UPDATE_GOLDEN=1 it rewrites the file in the source tree
// instead (review the diff before committing). Line endings are compared as "\n".
internal static class Golden
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // JSON is compared as indented text with Slack's characters unescaped, ending in a newline.
    public static void AssertJson(string name, string json) =>
        AssertMatches(name, JsonNode.Parse(json)!.ToJsonString(Pretty) + "\n");

    public static void AssertJson(string name, JsonNode json) => AssertMatches(name, json.ToJsonString(Pretty) + "\n");

    public static void AssertMatches(string name, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("BUDGETBOT_UPDATE_GOLDEN") == "1")
        {
            var target = Path.Combine(ProjectDirectory(), "Golden", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"No golden file {name}; run with BUDGETBOT_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{name} differs from its golden file {FirstDifference(expected, actual)}\nRun with BUDGETBOT_UPDATE_GOLDEN=1 to accept the new output.");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        return $"at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end of file>")}\n  actual:   {(line < a.Length ? a[line] : "<end of file>")}";
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBot.Tests.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("BudgetBot.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
