using BudgetBot.Budgets;
using BudgetBot.Usage;
using BudgetBot.Providers;

namespace BudgetBot.Tests.Providers;

public sealed class ReconciliationPlannerTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly long DayMs = ReconciliationPlanner.DayMs(Day);

    [Theory]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 33, 33, 34 })]
    [InlineData(100, new long[] { 3, 1 }, new long[] { 75, 25 })]
    [InlineData(-7, new long[] { 1, 1 }, new long[] { -4, -3 })]
    [InlineData(50, new long[] { 0, 0 }, new long[] { 50, 0 })]
    [InlineData(0, new long[] { 5 }, new long[] { 0 })]
    public void Split_IsProportional_AndAddsUpExactly(long amount, long[] weights, long[] expected)
    {
        var parts = Allocation.Split(amount, weights);

        Assert.Equal(expected, parts);
        Assert.Equal(amount, parts.Sum());
    }

    [Fact]
    public void TeamSpend_IsSharedAmongItsAccountsByBill_AndOrphanedSpendAmongAll()
    {
        var policy = PolicyWith("wrk_a: { team: platform }\n      wrk_b: { team: platform }\n      wrk_c: { team: growth }");
        var report = new ProviderReport("anthropic", [],
            [new ProviderCost(Day, "wrk_a", 30m), new ProviderCost(Day, "wrk_b", 10m), new ProviderCost(Day, "wrk_c", 60m)]);
        ReportedSpend[] reported =
        [
            new(DayMs, "anthropic", "claude-sonnet-4-5", "platform", 8_000_000),
            new(DayMs, null, "claude-haiku-4-5", "unassigned", 10_000_000),       // no account maps to it: shared by all
            new(DayMs, "openai", "gpt-5", "platform", 99_000_000),                 // another provider's spend
            new(DayMs, null, "gpt-5", "growth", 99_000_000),                       // the model says OpenAI
            new(DayMs + 86_400_000, "anthropic", "claude-sonnet-4-5", "growth", 99_000_000), // another day
        ];

        var lines = ReconciliationPlanner.Plan(report, reported, policy, PriceCatalog.LoadEmbedded());

        Assert.Equal(
            [("wrk_a", 6_000_000L + 3_000_000L), ("wrk_b", 2_000_000L + 1_000_000L), ("wrk_c", 6_000_000L)],
            lines.Select(l => (l.Account, l.ReportedMicros)));
        Assert.Equal(100_000_000L - 18_000_000L, lines.Sum(l => l.RemainderMicros));
        Assert.Equal(["platform", "platform", "growth"], lines.Select(l => l.Team));
    }

    [Fact]
    public void DayWithoutABill_IsNotReconciled()
    {
        var usage = new ProviderUsage(Day, "wrk_a", "claude-sonnet-4-5", new TokenCounts(1000, 0, 0, 0, 0), false, false);

        var lines = ReconciliationPlanner.Plan(new ProviderReport("anthropic", [usage], []), [], BudgetPolicy.Empty, PriceCatalog.LoadEmbedded());

        Assert.Empty(lines);
    }

    private static BudgetPolicy PolicyWith(string workspaces) => PolicyParser.Parse($"""
        teams:
          platform: {"{"} repos: [acme/api] {"}"}
          growth: {"{"} repos: [acme/web] {"}"}
        providers:
          anthropic:
            workspaces:
              {workspaces}
        """).Policy!;
}
