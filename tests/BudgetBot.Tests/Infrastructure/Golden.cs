using System.Runtime.CompilerServices;

namespace BudgetBot.Tests.Infrastructure;

// Compares output with a file under Golden/, naming the first differing line. With
// BUDGETBOT_UPDATE_GOLDEN=1 it rewrites the file in the source tree instead.
internal static class Golden
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
    {
        if (Environment.GetEnvironmentVariable("BUDGETBOT_UPDATE_GOLDEN") == "1")
        {
            var root = FindProjectDirectory(Path.GetDirectoryName(caller)!);
            var target = Path.Combine(root, "Golden", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"No golden file {name}; run with BUDGETBOT_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            return;
        }
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        Assert.Fail($"{name} differs at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\n" +
            "Run with BUDGETBOT_UPDATE_GOLDEN=1 to accept the new output.");
    }

    private static string FindProjectDirectory(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BudgetBot.Tests.csproj")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("BudgetBot.Tests.csproj not found above " + start);
    }
}
