using BudgetBot.Budgets;
using BudgetBot.Tests.Policy;

namespace BudgetBot.Tests.Foresight;

public sealed class EstimatesPolicyTests
{
    public static TheoryData<string, int, string> Errors => new()
    {
        { "estimates:\n  windowDays: 0", 2, "estimates.windowDays must be a whole number of days from 1 to 365 (got \"0\")" },
        { "estimates:\n  windowDays: 366", 2, "estimates.windowDays must be a whole number of days from 1 to 365" },
        { "estimates:\n  percentile: p95", 2, "estimates.percentile must be p50, p90 or p99 (got \"p95\")" },
        { "estimates:\n  minRuns: 0", 2, "estimates.minRuns must be a whole number from 1 to 1000" },
        { "estimates:\n  window: 30", 2, "unknown key \"window\" in estimates" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void OutOfRangeEstimates_AreRefusedWithTheLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);

    [Fact]
    public void Estimates_DefaultToP90Of5RunsOver30Days_AndReadWhatTheFileSays()
    {
        Assert.Equal(new EstimateSettings(30, 90, 5), PolicyParser.Parse("timezone: UTC").Policy!.Estimates);
        Assert.Equal(new EstimateSettings(14, 99, 3), PolicyParser.Parse("estimates: {windowDays: 14, percentile: P99, minRuns: 3}").Policy!.Estimates);
    }
}
