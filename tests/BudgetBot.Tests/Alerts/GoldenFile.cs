using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Alerts;

// Golden JSON files under Golden/<area>/. BUDGETBOT_UPDATE_GOLDEN=1 rewrites them in the source tree
// (review the diff before committing); otherwise a mismatch fails with the first differing line.
internal static class GoldenFile
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void AssertJson(string area, string name, string json)
    {
        var actual = JsonNode.Parse(json)!.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("BUDGETBOT_UPDATE_GOLDEN") == "1")
        {
            var target = Path.Combine(ProjectDirectory(), "Golden", area, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", area, name);
        Assert.True(File.Exists(path), $"Golden file {area}/{name} is missing; run the tests with BUDGETBOT_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{area}/{name} differs from its golden file (BUDGETBOT_UPDATE_GOLDEN=1 rewrites it):\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"line {i + 1}\n  expected: {el}\n  actual:   {al}";
            }
        }
        return "(no line differs; whitespace at the end?)";
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
