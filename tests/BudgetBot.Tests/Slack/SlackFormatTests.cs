using BudgetBot.Slack;

namespace BudgetBot.Tests.Slack;

public sealed class SlackFormatTests
{
    [Theory]
    [InlineData(0, "░░░░░░░░░░ 0%")]
    [InlineData(52, "▓▓▓▓▓░░░░░ 52%")]
    [InlineData(99.6, "▓▓▓▓▓▓▓▓▓░ 100%")]
    [InlineData(100, "▓▓▓▓▓▓▓▓▓▓ 100%")]
    [InlineData(140, "▓▓▓▓▓▓▓▓▓▓ 140%")]
    public void Gauge_HasOneCellPerTenPercent(double percent, string expected) =>
        Assert.Equal(expected, SlackFormat.Gauge((decimal)percent));

    // One bar for cards, replies, alerts and the digest: rounded down, so 95% is not drawn full.
    [Theory]
    [InlineData(-5, "░░░░░░░░░░")]
    [InlineData(9.9, "░░░░░░░░░░")]
    [InlineData(84.2, "▓▓▓▓▓▓▓▓░░")]
    [InlineData(95, "▓▓▓▓▓▓▓▓▓░")]
    [InlineData(104, "▓▓▓▓▓▓▓▓▓▓")]
    public void Bar_IsFullOnlyOnceTheBudgetIs(double percent, string expected) =>
        Assert.Equal(expected, SlackFormat.Bar((decimal)percent));

    [Fact]
    public void Date_ShowsTheReadersTime_WithTheUtcFallbackOfThePrComment()
    {
        var at = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("<!date^1775001600^{date_short_pretty} {time}|2026-04-01 00:00 UTC>", SlackFormat.Date(at));
        Assert.Equal(SlackFormat.Date(at), SlackFormat.Date(at.ToUnixTimeMilliseconds()));
    }
}
