using System.Text;
using BudgetBot.Budgets;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

// Every reply BudgetBot writes to a PR command, rendered from fixed inputs into one golden file.
public sealed class PrRepliesGoldenTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static BudgetStatus Budget(string id, string enforcement, decimal limit, decimal spent, string state) =>
        new(id, id == "platform" ? BudgetScope.Team("platform") : BudgetScope.Workflow("claude-review"), Enum.Parse<Enforcement>(enforcement, ignoreCase: true), Start, End, End, limit, 0m, spent, 0m,
            limit - spent, Math.Round(spent / limit * 100m, 1), spent, Enum.Parse<BudgetState>(state, ignoreCase: true), 0, [80, 100]);

    private static PrSpend Spend(params BudgetStatus[] budgets) => new("acme/api", 42, 150_500_000, 3, 0, [], [],
        new TokenTotals(0, 0, 0, 0, 0),
        [
            new RunSpend("7001", "claude-review", [], 2, 0, 100_000_000, Start),
            new RunSpend("7002", "claude-review", [], 1, 0, 50_500_000, Start),
        ],
        budgets, null);

    [Fact]
    public void TheReplies_MatchTheirGoldenFile()
    {
        var filing = new RequestFiling(RequestFilingOutcome.Filed, 3, "BR-3", "platform", [], "C0PLATFORM", ["platform", "review-agents"]);
        var approved = new RequestOutcome(3, "BR-3", "approved", "platform", 300_000_000, "U0LEAD1", null, End);
        var denied = approved with { State = "denied", Note = "Use the cached suite | first\n<b>then</b> ask again", Until = null };
        var b = new StringBuilder();
        void Add(string title, string text) => b.Append("## ").Append(title).Append("\n\n").Append(text).Append("\n\n");

        Add("status", PrReplies.Status(Spend(Budget("platform", "soft", 5000m, 150.5m, "ok"), Budget("review-agents", "hard", 100m, 150.5m, "exceeded")), "platform", null));
        Add("status, no team, no budget", PrReplies.Status(Spend(), null, null));
        Add("status filtered to an unknown budget", PrReplies.Status(Spend(Budget("platform", "soft", 5000m, 150.5m, "ok")), "platform", "ml-month"));
        Add("help", PrReplies.Help);
        Add("filed, mapped", PrReplies.Filed("octocat", filing, 300m, ["@lead-gh", "Slack user `U0LEAD2`"], mapped: true));
        Add("filed, unmapped", PrReplies.Filed("newcomer", filing, 300m, ["@lead-gh"], mapped: false));
        Add("already pending", PrReplies.AlreadyPending("octocat", 3, "https://github.com/acme/api/pull/42#issuecomment-7000"));
        Add("unknown budget", PrReplies.Refused(filing with { Outcome = RequestFilingOutcome.UnknownBudget }, "ml-month"));
        Add("no team budget", PrReplies.Refused(filing with { Outcome = RequestFilingOutcome.NoTeamBudget }, null));
        Add("no channel", PrReplies.Refused(filing with { Outcome = RequestFilingOutcome.NoChannel }, null));
        Add("nobody to approve", PrReplies.Refused(filing with { Outcome = RequestFilingOutcome.NobodyToApprove }, null));
        Add("approved", PrReplies.Decided("octocat", approved, "@lead-gh", TimeZoneInfo.Utc));
        Add("denied", PrReplies.Decided("octocat", denied, "@lead-gh", TimeZoneInfo.Utc));
        Add("expired", PrReplies.Decided("octocat", approved with { State = "expired", DecidedBy = null, Until = null }, null, TimeZoneInfo.Utc));
        Add("not a pull request", PrReplies.NotAPullRequest);
        Add("no team", PrReplies.NoTeam("acme/orphan"));
        Add("no write access", PrReplies.NoWriteAccess("reader", "acme/api"));
        Add("no default amount", PrReplies.NoDefaultAmount);
        Add("slack only", PrReplies.SlackOnly("experiment"));

        Golden.AssertMatches("github/pr-replies.md", b.ToString());
    }
}
