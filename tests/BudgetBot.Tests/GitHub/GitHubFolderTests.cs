using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

// The GitHub folder is one feature: every file of every subfolder in namespace BudgetBot.GitHub, and
// none reaching into Slack or Alerts (Slack reaches the PR refresh through Budgets' IBudgetChanges,
// docs/decisions/pr-refresh-fan-out.md).
public sealed class GitHubFolderTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Find(), "src", "BudgetBot", "GitHub");

    private static IEnumerable<(string File, string[] Lines)> Sources() =>
        Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(Folder, f), File.ReadAllLines(f)));

    [Fact]
    public void EveryFileUnderGitHub_IsInNamespaceBudgetBotGitHub()
    {
        var wrong = Sources().Where(s => !s.Lines.Contains("namespace BudgetBot.GitHub;")).Select(s => s.File).ToList();
        Assert.Empty(wrong);
        Assert.True(Sources().Count() > 30, "the GitHub folder was not found where the test looks");
    }

    [Theory]
    [InlineData("BudgetBot.Slack")]
    [InlineData("BudgetBot.Alerts")]
    [InlineData("BudgetBot.Inbox")]
    public void GitHub_DoesNotDependOn(string folderNamespace)
    {
        var offenders = Sources()
            .Where(s => s.Lines.Any(l => l.StartsWith("using ", StringComparison.Ordinal) && l.Contains(folderNamespace, StringComparison.Ordinal)))
            .Select(s => s.File).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void TheInbox_LivesInGitHubInbound()
    {
        Assert.False(Directory.Exists(Path.Combine(RepoRoot.Find(), "src", "BudgetBot", "Inbox")));
        Assert.True(File.Exists(Path.Combine(Folder, "Inbound", "InboxWorker.cs")));
    }
}
