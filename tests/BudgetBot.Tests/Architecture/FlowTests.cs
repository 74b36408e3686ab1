using System.Text.RegularExpressions;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Architecture;

// The three flows a newcomer follows (issue 10) each read as a straight line: the files a flow runs
// through name no folder but their own and the shared ones (Storage, Outbox, Budgets) and the HTTP
// door (Auth, Operations). A reference is a `using BudgetBot.X;` line (plain, static or alias) or a
// qualified `BudgetBot.X.Type` in code. See docs/decisions/flows-leave-home-only-for-shared-folders.md.
public sealed partial class FlowTests
{
    private static readonly string[] Shared = ["Storage", "Outbox", "Budgets", "Auth", "Operations"];

    // A signed pull_request webhook until its PR comment (and check) is posted: acknowledged and stored
    // (Inbound), correlated (Correlation), announced as a refresh (Outbound), rendered and written
    // (Comment, Checks) as the App (App). UsageAttribution in Correlation is not on this line: it is the
    // usage write effect flow two runs, implementing Usage's IUsageEffect (see UsageFlow_HandsOff...).
    public static readonly string[] WebhookToComment =
    [
        "GitHub/Inbound/", "GitHub/Outbound/", "GitHub/Comment/", "GitHub/Checks/", "GitHub/App/",
        "GitHub/Correlation/PullRequestHandler.cs", "GitHub/Correlation/PullRequestMerge.cs", "GitHub/Correlation/PullRequest.cs",
        "GitHub/Correlation/PullRequestDirectory.cs", "GitHub/Correlation/MergedPullRequests.cs",
        "GitHub/Correlation/WorkflowRunHandler.cs", "GitHub/Correlation/WorkflowJobHandler.cs", "GitHub/Correlation/WorkflowProgress.cs",
        "GitHub/Correlation/InstallationHandler.cs",
    ];

    // POST /api/usage until the budget figures change: read and validated, priced (Pricing), stored with
    // its effects in one transaction; the figures are Budgets' rollups.
    public static readonly string[] UsageToFigures = ["Usage/"];

    // A Slack Approve click until the grant is written and the card updated.
    public static readonly string[] ApproveToGrant =
    [
        "Slack/SlackEndpoints.cs", "Slack/SlackRequestReader.cs", "Slack/SlackSignature.cs", "Slack/SlackSignatureResult.cs",
        "Slack/SlackReplays.cs", "Slack/SlackInteractions.cs", "Slack/SlackText.cs", "Slack/SlackAnswer.cs",
        "Slack/ApprovalService.cs", "Slack/ApprovalRules.cs", "Slack/DecisionResult.cs",
        "Slack/BudgetRequestStore.cs", "Slack/BudgetRequestRow.cs",
        "Slack/RequestCards.cs", "Slack/SlackBlocks.cs", "Slack/SlackFormat.cs",
        "Slack/SlackOutboxWriter.cs", "Slack/SlackOutboxSender.cs", "Slack/SlackChannelPacer.cs", "Slack/ISlackApi.cs", "Slack/SlackApiClient.cs",
    ];

    public static TheoryData<string> Flows => [nameof(WebhookToComment), nameof(UsageToFigures), nameof(ApproveToGrant)];

    [Theory]
    [MemberData(nameof(Flows))]
    public void Flow_LeavesItsHomeFolder_OnlyForTheSharedFolders(string flow)
    {
        var files = FilesOf(Paths(flow));
        var stray = files
            .SelectMany(f => References(f.Text).Where(to => to != f.Folder && !Shared.Contains(to)).Select(to => $"{f.Path} -> {to}"))
            .Distinct()
            .ToList();
        Assert.True(stray.Count == 0, $"{flow} leaves its folder for more than {string.Join(", ", Shared)}:\n" + string.Join("\n", stray));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Flow_NamesFilesThatExist(string flow)
    {
        // A renamed or moved file must be renamed here too, or the flow would silently shrink.
        var all = FolderGraph.SourceFiles(Src()).Select(f => Slashed(f.Path)).ToList();
        var missing = Paths(flow).Where(p => !all.Any(f => f.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{flow} names files that are not in src/BudgetBot: " + string.Join(", ", missing));
    }

    [Fact]
    public void UsageFlow_HandsOffToGitHub_OnlyThroughItsOwnEffectInterface()
    {
        // Usage never names GitHub; GitHub's attribution plugs into Usage's IUsageEffect instead.
        var attribution = Assert.Single(FilesOf(["GitHub/Correlation/UsageAttribution.cs"]));
        Assert.Contains(": IUsageEffect", attribution.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(FilesOf(UsageToFigures), f => References(f.Text).Contains("GitHub"));
    }

    [Fact]
    public void References_SeesUsingLinesAndQualifiedNames_ButNotStringsOrTheNamespace()
    {
        const string text = """
            using BudgetBot.Storage;
            using static BudgetBot.Slack.SlackBlocks;
            using Json = BudgetBot.Operations.JsonText;

            namespace BudgetBot.Usage;

            class C { object M() => BudgetBot.Alerts.X.Y("BudgetBot.Dashboard.Z"); }
            """;
        Assert.Equal(["Alerts", "Operations", "Slack", "Storage"], References(text).Order(StringComparer.Ordinal));
    }

    private static string[] Paths(string flow) => flow switch
    {
        nameof(WebhookToComment) => WebhookToComment,
        nameof(UsageToFigures) => UsageToFigures,
        nameof(ApproveToGrant) => ApproveToGrant,
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, null),
    };

    private static List<FolderGraph.SourceFile> FilesOf(IReadOnlyList<string> paths) =>
        FolderGraph.SourceFiles(Src()).Where(f => paths.Any(p => Slashed(f.Path).StartsWith(p, StringComparison.Ordinal))).ToList();

    private static HashSet<string> References(string text)
    {
        var code = Namespace().Replace(text, "");
        return [.. UsingLine().Matches(code).Concat(Qualified().Matches(code)).Select(m => m.Groups[1].Value)];
    }

    private static string Src() => Path.Combine(RepoRoot.Find(), "src", "BudgetBot");

    private static string Slashed(string path) => path.Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"^namespace [\w.]+;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using\s+(?:static\s+)?(?:\w+\s*=\s*)?BudgetBot\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    // Not after a quote, a dot or a word character: "BudgetBot.GitHub" as a meter name is no reference.
    [GeneratedRegex(@"(?<![\w.""])BudgetBot\.(\w+)\.")]
    private static partial Regex Qualified();
}
