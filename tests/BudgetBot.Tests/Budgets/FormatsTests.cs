using BudgetBot.Budgets;
using BudgetBot.GitHub;
using BudgetBot.Slack;

namespace BudgetBot.Tests.Budgets;

// One money and date formatter for Slack and the PR comment's Markdown.
public sealed class FormatsTests
{
    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(4_200, "$0.0042")]
    [InlineData(10_000, "$0.01")]
    [InlineData(1_234_567_890, "$1,234.57")]
    [InlineData(-5_000_000, "-$5.00")]
    [InlineData(-4_200, "-$0.0042")]
    public void Usd_RoundsToCents_ButACheapRunDoesNotReadAsFree(long micros, string expected)
    {
        Assert.Equal(expected, Formats.Usd(micros));
        Assert.Equal(expected, SlackFormat.Usd(micros));
        Assert.Equal(expected, Markdown.Usd(micros));
        Assert.Equal(expected, SlackFormat.Usd(micros / 1_000_000m));
    }

    [Fact]
    public void Utc_IsTheSameMinuteInSlackAndMarkdown()
    {
        var at = new DateTimeOffset(2026, 4, 1, 2, 30, 59, TimeSpan.FromHours(2));
        Assert.Equal("2026-04-01 00:30 UTC", Formats.Utc(at));
        Assert.Equal(Formats.Utc(at), Markdown.When(at));
        Assert.EndsWith("|2026-04-01 00:30 UTC>", SlackFormat.Date(at), StringComparison.Ordinal);
    }
}
