namespace BudgetBot.Usage;

// Every problem of a catalog file, each with the JSON path it was found at, so one `pricing check`
// run lists all of them rather than the first.
internal sealed class CatalogErrors
{
    private readonly List<string> items = [];

    public IReadOnlyList<string> Items => items;

    public bool Any => items.Count > 0;

    public void Add(string path, string problem) => items.Add($"{path} {problem}");
}
