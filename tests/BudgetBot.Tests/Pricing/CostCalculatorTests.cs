using System.Globalization;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

public sealed class CostCalculatorTests
{
    private static readonly ModelPrice Sonnet = UsageFixture.Price("claude-sonnet-4-5");

    [Theory]
    [InlineData(200_000, 0, 0, 0, 1_000, "0.615")] // exactly at the threshold: base rates
    [InlineData(200_001, 0, 0, 0, 1_000, "1.222506")] // one over: every class, output too, at $6 / $22.50
    [InlineData(100_000, 100_000, 0, 0, 0, "0.33")]
    [InlineData(100_000, 100_001, 0, 0, 0, "0.6600006")] // cache reads count toward the threshold
    [InlineData(0, 0, 100_000, 100_001, 0, "1.950012")] // and so do both cache writes
    public void Sonnet_SwitchesWholeRequestToLongContext_WhenPromptExceeds200k(
        long input, long read, long write5m, long write1h, long output, string expected)
    {
        var cost = CostCalculator.Calculate(new TokenCounts(input, output, read, write5m, write1h), Sonnet);

        Assert.Equal(Usd(expected), cost);
    }

    [Theory]
    [InlineData(200_000, 1_000, "0.26")]
    [InlineData(200_001, 1_000, "0.5150025")]
    public void GeminiPro_SwitchesToLongContext_Above200k(long input, long output, string expected)
    {
        var cost = CostCalculator.Calculate(new TokenCounts(input, output, 0, 0, 0), UsageFixture.Price("gemini-2.5-pro"));

        Assert.Equal(Usd(expected), cost);
    }

    [Theory]
    [InlineData("Base", 300_000, "0.9")]
    [InlineData("Long", 1_000, "0.006")]
    [InlineData("BySize", 300_000, "1.8")]
    public void ExplicitTier_OverridesRequestSize_ForAggregates(string tier, long input, string expected)
    {
        var cost = CostCalculator.Calculate(new TokenCounts(input, 0, 0, 0, 0), Sonnet, tier: Enum.Parse<ContextTier>(tier));

        Assert.Equal(Usd(expected), cost);
    }

    [Fact]
    public void LongTier_FallsBackToBaseRates_WhenModelHasNoTier()
    {
        var cost = CostCalculator.Calculate(new TokenCounts(1_000_000, 0, 0, 0, 0), UsageFixture.Price("claude-haiku-4-5"), tier: ContextTier.Long);

        Assert.Equal(1m, cost);
    }

    [Theory]
    [InlineData("gpt-4.1", 1_000_000, 1_000_000, "4")] // no cache-write class: both TTLs at $2 input
    [InlineData("gemini-2.5-pro", 100_000, 100_000, "0.25")]
    [InlineData("gemini-2.5-pro", 100_000, 100_001, "0.5000025")] // above the tier: at its $2.50 input
    public void CacheWrites_AreBilledAtInputRate_WhenProviderHasNoWriteCharge(string model, long write5m, long write1h, string expected)
    {
        var tokens = new TokenCounts(0, 0, 0, write5m, write1h);

        Assert.Equal(Usd(expected), CostCalculator.Calculate(tokens, UsageFixture.Price(model)));
    }

    [Theory]
    [InlineData("0", false, "1.8")]
    [InlineData("0.1", false, "1.62")]
    [InlineData("0", true, "0.9")]
    [InlineData("0.2", true, "0.72")] // batch first, then the negotiated discount on what is left
    [InlineData("1", false, "0")]
    public void DiscountAndBatch_ReduceTheListPrice(string discount, bool batch, string expected)
    {
        var tokens = new TokenCounts(100_000, 100_000, 0, 0, 0);

        Assert.Equal(Usd(expected), CostCalculator.Calculate(tokens, Sonnet, Usd(discount), batch));
    }

    [Fact]
    public void Batch_ChargesFullPrice_WhenModelHasNoBatchDiscount()
    {
        var noBatch = Sonnet with { BatchDiscount = 0m };

        Assert.Equal(0.3m, CostCalculator.Calculate(new TokenCounts(100_000, 0, 0, 0, 0), noBatch, batch: true));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void Discount_OutsideZeroToOne_IsRejected(string discount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CostCalculator.Calculate(new TokenCounts(1, 1, 0, 0, 0), Sonnet, Usd(discount)));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0)]
    [InlineData(0, -1, 0, 0, 0)]
    [InlineData(0, 0, -1, 0, 0)]
    [InlineData(0, 0, 0, -1, 0)]
    [InlineData(0, 0, 0, 0, -1)]
    public void NegativeTokens_AreRejected(long input, long output, long read, long write5m, long write1h)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CostCalculator.Calculate(new TokenCounts(input, output, read, write5m, write1h), Sonnet));
    }

    [Fact]
    public void TokenCounts_TotalCountsEveryClass_AndPromptExcludesOutput()
    {
        var tokens = new TokenCounts(1, 20, 300, 4_000, 50_000);

        Assert.Equal(54_321, tokens.Total);
        Assert.Equal(54_301, tokens.Prompt);
    }

    private static decimal Usd(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
