using BudgetBot.Alerts;
using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Alerts;

// The renderers are pure: fixed inputs, golden outputs, Block Kit limits, escaped user text.
public sealed class MessageRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ThresholdAlert_SoftBudgetAt80() =>
        Check("alert-threshold-80.json", ThresholdAlertMessage.Render("C0PLATFORM", Status("platform", "team:platform", "soft", 5000, 0, 4100, 82.0m, [50, 80, 100]), 80, []));

    [Fact]
    public void ThresholdAlert_HardBudgetExhausted_WithGrantAndUnpricedModels() =>
        Check("alert-threshold-100-hard.json", ThresholdAlertMessage.Render("C0PLATFORM",
            Status("review-agents", "workflow:claude-review", "hard", 100, 50, 156, 104.0m, [80, 100], unpriced: 4),
            100, [new UnpricedModel("mystery-model-9", 3), new UnpricedModel("<b>odd</b>&model", 1)]));

    [Fact]
    public void RunawayAlert_PullRequest() =>
        Check("alert-runaway-pr.json", RunawayAlertMessage.Render("C0PLATFORM",
            new RunawaySubject("acme/api", 42, null, "platform", "claude-review"), 63_200_000, 50m, Now));

    [Fact]
    public void RunawayAlert_RunOutsideAPr_EscapesUserText() =>
        Check("alert-runaway-run.json", RunawayAlertMessage.Render("C0GROWTH",
            new RunawaySubject("acme/web", null, "777<@U1>", "growth", "nightly <!here> & co"), 70_000_000, 50m, Now));

    [Fact]
    public void Digest_WithoutMergeData_RanksByCostPerRun() =>
        Check("digest-per-run.json", DigestMessage.Render(new TeamDigest("platform", "C0PLATFORM", Now.AddDays(-7), Now,
            [Status("platform", "team:platform", "soft", 5000, 0, 2600, 52.0m, [50, 80, 100], projected: 7100),
             Status("api-repo", "repo:acme/api", "hard", 1000, 0, 1000, 100.0m, [100])],
            WorkflowRanking.Top([new DigestWorkflowSpend("triage-bot", 8_000_000, 2), new DigestWorkflowSpend("claude-review", 30_000_000, 3)], 5),
            false, [], [])));

    [Fact]
    public void Digest_WithTheDashboardsPublicUrl_LinksToTheOverviewAndEachBudget() =>
        Check("digest-links.json", DigestMessage.Render(new TeamDigest("platform", "C0PLATFORM", Now.AddDays(-7), Now,
            [Status("platform", "team:platform", "soft", 5000, 0, 2600, 52.0m, [50, 80, 100]), Status("a&b", "repo:acme/api", "hard", 1000, 0, 10, 1.0m, [100])],
            [], false, [], [], new BudgetBot.Dashboard.DashboardOptions { PublicUrl = "https://budgetbot.example.com/" }.Links)));

    [Fact]
    public void Digest_StaysWithinBlockKitLimits_WhateverItIsGiven()
    {
        var longName = new string('x', 500) + "<&>";
        var digest = new TeamDigest("platform", "C0PLATFORM", Now.AddDays(-7), Now,
            Enumerable.Range(0, 80).Select(i => Status($"{longName}{i}", "team:platform", "soft", 100, 0, i, i, [50])).ToList(),
            Enumerable.Range(0, 5).Select(i => new DigestWorkflowSpend(longName + i, 1_000_000L * i, i + 1, 1, 5)).ToList(),
            true,
            Enumerable.Range(0, 100).Select(i => new PendingRequest($"BR-{i}", "platform", longName, i, "U1", new string('r', 2000), Now)).ToList(),
            Enumerable.Range(0, 300).Select(i => new UnpricedModel(longName + i, i)).ToList());

        var payload = DigestMessage.Render(digest);

        SlackPayloads.AssertWithinLimits(payload);
        Assert.Contains("more", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("<&>", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(49.9, "")]
    [InlineData(50, "50")]
    [InlineData(80, "50,80")]
    [InlineData(100, "50,80,100")]
    [InlineData(250, "50,80,100")]
    public void Reached_IsEveryThresholdAtOrBelowPercentUsed(double percent, string expected) =>
        Assert.Equal(expected, string.Join(',', ThresholdRules.Reached(Status("b", "org", "soft", 100, 0, 0, (decimal)percent, [100, 50, 80]))));

    [Fact]
    public void Ranking_PutsCostPerMergedPrFirst_ThenCostPerRun()
    {
        var ranked = WorkflowRanking.Top(
        [
            new DigestWorkflowSpend("cheap-per-run", 10_000_000, 100),
            new DigestWorkflowSpend("dear-per-run", 10_000_000, 2),
            new DigestWorkflowSpend("merged", 1_000_000, 10, 1, 1_000_000),
            new DigestWorkflowSpend("no-runs", 99_000_000, 0),
        ], 3);

        Assert.Equal(["merged", "dear-per-run", "cheap-per-run"], ranked.Select(w => w.Workflow));
    }

    private static void Check(string golden, string payload)
    {
        SlackPayloads.AssertWithinLimits(payload);
        Golden.AssertJson("slack/" + golden, payload);
    }

    private static BudgetStatus Status(string id, string scope, string enforcement, decimal limit, decimal granted, decimal spent, decimal percent,
        int[] thresholds, decimal? projected = null, long unpriced = 0) =>
        new(id, BudgetScope.Parse(scope), Enum.Parse<Enforcement>(enforcement, ignoreCase: true), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), limit, granted, spent, 0, limit + granted - spent, percent,
            projected ?? spent, percent >= 100 ? BudgetState.Exceeded : BudgetState.Ok, unpriced, thresholds);
}
