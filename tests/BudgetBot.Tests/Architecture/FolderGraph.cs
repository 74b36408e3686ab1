using System.Text.RegularExpressions;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Architecture;

// The folder graph of src/BudgetBot, read from the `using BudgetBot.X;` lines (plain, static and alias).
internal static partial class FolderGraph
{
    internal sealed record SourceFile(string Path, string? Folder, string Text);

    internal sealed record Graph(IReadOnlyDictionary<(string From, string To), List<string>> Edges);

    public static Graph Read()
    {
        var src = System.IO.Path.Combine(RepoRoot.Find(), "src", "BudgetBot");
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var file in SourceFiles(src).Where(f => f.Folder is not null))
        {
            foreach (Match m in UsingLine().Matches(file.Text))
            {
                var to = m.Groups[1].Value;
                if (to != file.Folder)
                {
                    var key = (file.Folder!, to);
                    if (!edges.TryGetValue(key, out var files))
                    {
                        edges[key] = files = [];
                    }
                    files.Add(System.IO.Path.GetFileName(file.Path));
                }
            }
        }
        return new Graph(edges);
    }

    // Files at the root (Program.cs) compose every feature and belong to no folder.
    public static IEnumerable<SourceFile> SourceFiles(string src) =>
        Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(src, p))
            .Where(r => !r.StartsWith("bin" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !r.StartsWith("obj" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r => new SourceFile(r, r.Contains(System.IO.Path.DirectorySeparatorChar) ? r.Split(System.IO.Path.DirectorySeparatorChar)[0] : null,
                File.ReadAllText(System.IO.Path.Combine(src, r))));

    // Strongly connected components of more than one folder (Tarjan), each sorted by name.
    public static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        foreach (var v in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }
        return cycles;

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add(component.Order(StringComparer.Ordinal).ToList());
                }
            }
        }
    }

    [GeneratedRegex(@"^using\s+(?:static\s+)?(?:\w+\s*=\s*)?BudgetBot\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
