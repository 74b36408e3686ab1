using System.Text.RegularExpressions;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Architecture;

// Every top-level folder of src/BudgetBot is one idea; a `using BudgetBot.X;` line is an edge from the
// file's folder to X. A cycle between folders means an idea is split across them, so none may exist.
public sealed partial class FolderCycleTests
{
    [Fact]
    public void NoCycle_BetweenFolders()
    {
        var graph = FolderGraph.Read();
        var cycles = FolderGraph.Cycles(graph.Edges.Keys);
        var report = cycles.Select(c => string.Join(" <-> ", c) + ": " + string.Join("; ",
            graph.Edges.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To))
                .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value.Order(StringComparer.Ordinal))})")));
        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", report));
    }

    [Fact]
    public void Graph_SeesAKnownEdge()
    {
        // Guards the reader itself: if it found nothing, the cycle test above could never fail.
        var graph = FolderGraph.Read();
        Assert.Contains(("Budgets", "Storage"), graph.Edges.Keys);
        Assert.Contains(("Preflight", "Budgets"), graph.Edges.Keys);
    }

    [Fact]
    public void Cycles_FindsATriangle()
    {
        var cycles = FolderGraph.Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);
        Assert.Equal(new[] { "A", "B", "C" }, Assert.Single(cycles));
    }

    [Fact]
    public void EveryFile_IsInTheNamespaceOfItsTopLevelFolder()
    {
        var src = Path.Combine(RepoRoot.Find(), "src", "BudgetBot");
        var wrong = FolderGraph.SourceFiles(src)
            .Where(f => f.Folder is not null)
            .Where(f => Namespace().Match(f.Text) is var m && m.Success && m.Groups[1].Value != "BudgetBot." + f.Folder)
            .Select(f => f.Path)
            .ToList();
        Assert.True(wrong.Count == 0, "Namespace does not match the top-level folder: " + string.Join(", ", wrong));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
