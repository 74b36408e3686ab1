using BudgetBot.Budgets;
using BudgetBot.GitHub;

namespace BudgetBot.Tests.Routing;

public sealed class PrRoutingLineTests
{
    private static readonly BudgetPolicy Policy = PolicyParser.Parse("""
        routing:
          - workflow: "triage-*"
            prefer: [claude-haiku-4-5, gpt-5-mini]
            maxFrontierShare: 0.5
          - workflow: lint
            prefer: [gpt-5-mini]
        """).Policy!;

    [Fact]
    public void PrComment_ShowsOneRoutingLine_WhenAWorkflowSpendsMoreThanItsShareOffItsPreferredModels()
    {
        PrUsageRow[] rows =
        [
            Row("triage-bot", "claude-opus-4-1", 3_000_000),
            Row("triage-bot", "claude-haiku-4-5", 1_000_000),
            Row("triage-nightly", "claude-sonnet-4-5", 600_000),
            Row("triage-nightly", "gpt-5-mini", 400_000),
            // No maxFrontierShare on lint's rule: never a line, however much goes elsewhere.
            Row("lint", "gpt-5", 9_000_000),
        ];
        var spend = PrSpendAggregator.Aggregate("acme/api", 42, rows, [], null) with { Routing = PrRoutingNote.Of(rows, Policy) };

        var body = PrCommentRenderer.Render(spend);

        // triage-bot is 25 points over its share, triage-nightly 10: the furthest over speaks, once.
        var lines = body.Split('\n').Where(l => l.StartsWith("> **Routing:**", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["> **Routing:** `triage-bot` spent 75.0% of its $4.00 on this PR ($3.00) outside its preferred models; the policy allows 50.0% and prefers claude-haiku-4-5, gpt-5-mini."],
            lines);
    }

    [Fact]
    public void PrComment_HasNoRoutingLine_WithinTheShare()
    {
        PrUsageRow[] rows = [Row("triage-bot", "claude-opus-4-1", 500_000), Row("triage-bot", "claude-haiku-4-5", 500_000)];

        Assert.Null(PrRoutingNote.Of(rows, Policy));
        Assert.DoesNotContain("Routing", PrCommentRenderer.Render(PrSpendAggregator.Aggregate("acme/api", 42, rows, [], null)), StringComparison.Ordinal);
    }

    private static PrUsageRow Row(string workflow, string model, long costMicros) =>
        new() { RunId = "1", Workflow = workflow, Model = model, Team = "platform", Events = 1, Input = 1_000, CostMicros = costMicros, FirstMs = 0 };
}
