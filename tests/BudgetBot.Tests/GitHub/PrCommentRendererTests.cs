using System.Globalization;
using BudgetBot.Budgets;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

public sealed class PrCommentRendererTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 11, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TypicalPr_MatchesGolden() => Golden.AssertMatches("github/typical.md", PrCommentRenderer.Render(Typical()));

    [Fact]
    public void PrPastThresholds_WarnsAndEscapesNames_MatchesGolden()
    {
        var rows = new[]
        {
            Row("1", "deploy|bot <script>", "gpt-5", 5_000_000, costMicros: 101_000_000, unpriced: 0),
            Row(null, "@octocat pinger", "mystery-model", 1_000, costMicros: 0, unpriced: 3),
            Row("2", "deploy|bot <script>", "gpt-5-mini", 200, costMicros: 3_500),
        };
        var budgets = new[]
        {
            Statuses.Of("review-agents", "workflow:claude-review", "hard", 100, 101),
            Statuses.Of("platform", "team:platform", "soft", 5000, 4100),
            Statuses.Of("everything", "org", "advisory", 20000, 4100),
        };
        var spend = PrSpendAggregator.Aggregate("acme/api", 42, rows, budgets, null);
        Golden.AssertMatches("github/warnings.md", PrCommentRenderer.Render(spend));
    }

    [Fact]
    public void HugePr_StaysUnder60000Characters_AndSaysHowManyRunsAreLeftOut()
    {
        var rows = Enumerable.Range(1, 10_000)
            .Select(i => Row($"{9_000_000 + i}", $"workflow-{i % 40}", $"model-{i % 30}", 10_000 + i, costMicros: 1_000_000 + i))
            .ToList();
        var spend = PrSpendAggregator.Aggregate("acme/api", 42, rows, [Statuses.Of("platform", "team:platform", "soft", 5000, 100)], null);

        var body = PrCommentRenderer.Render(spend);

        Assert.InRange(body.Length, 50_000, PrCommentRenderer.MaxLength);
        Assert.Matches(@"_and \d+ more runs_", body);
        Assert.Contains("_and 15 more workflows_", body, StringComparison.Ordinal);
        Assert.Contains("_and 5 more models_", body, StringComparison.Ordinal);
        Assert.Contains("| 9010000 |", body, StringComparison.Ordinal);
        Assert.EndsWith("</sub>\n", body, StringComparison.Ordinal);
        Assert.Contains("</details>", body, StringComparison.Ordinal);
    }

    // The comment is a function of its input alone: not of the culture of the machine that renders it.
    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("hi-IN")]
    public void Render_IsTheSameInEveryCulture(string culture)
    {
        var invariant = PrCommentRenderer.Render(Typical());
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invariant, PrCommentRenderer.Render(Typical()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(4_200, "$0.0042")]
    [InlineData(10_000, "$0.01")]
    [InlineData(1_234_567_890, "$1,234.57")]
    [InlineData(-2_500_000, "-$2.50")]
    public void Usd(long micros, string expected) => Assert.Equal(expected, Markdown.Usd(micros));

    [Theory]
    [InlineData(950, "950")]
    [InlineData(12_345, "12.3k")]
    [InlineData(2_470_000, "2.47M")]
    [InlineData(3_000_000_000, "3B")]
    public void Tokens(long n, string expected) => Assert.Equal(expected, Markdown.Tokens(n));

    private static PrSpend Typical()
    {
        var rows = new[]
        {
            Row("9001", "claude-review", "claude-sonnet-4-5-20250929", 180_000, cacheRead: 1_200_000, output: 24_000, costMicros: 1_260_000),
            Row("9001", "claude-review", "claude-haiku-4-5-20251001", 40_000, cacheRead: 300_000, output: 8_000, costMicros: 110_000),
            Row("9002", "claude-review", "claude-sonnet-4-5-20250929", 90_000, cacheRead: 400_000, cacheWrite: 50_000, output: 9_000, costMicros: 650_000),
            Row("9003", "triage-bot", "claude-opus-4-5-20251101", 90_000, cacheRead: 600_000, output: 30_000, costMicros: 1_500_000),
        };
        BudgetStatus[] budgets =
        [
            Statuses.Of("platform", "team:platform", "soft", 5000, 812.40m),
            Statuses.Of("review-agents", "workflow:claude-review", "hard", 300, 41.37m),
        ];
        return PrSpendAggregator.Aggregate("acme/api", 42, rows, budgets, MergedPrStats.From([900_000, 1_400_000, 2_000_000, 2_600_000, 9_800_000]));
    }

    private static PrUsageRow Row(string? run, string workflow, string model, long input, long costMicros, long cacheRead = 0,
        long cacheWrite = 0, long output = 0, long unpriced = 0) => new()
    {
        RunId = run, Workflow = workflow, Model = model, Team = "platform", Events = 1 + unpriced, Input = input, Output = output,
        CacheRead = cacheRead, CacheWrite5m = cacheWrite, CostMicros = costMicros, Unpriced = unpriced, FirstMs = At.ToUnixTimeMilliseconds(),
    };
}
