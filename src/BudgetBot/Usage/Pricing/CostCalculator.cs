namespace BudgetBot.Usage;

// Pure: tokens × list price, in USD, unrounded. Money.ToMicros rounds once, when the result is stored.
internal static class CostCalculator
{
    private const decimal TokensPerRateUnit = 1_000_000m;

    public static decimal Calculate(
        TokenCounts tokens,
        ModelPrice price,
        decimal discount = 0m,
        bool batch = false,
        ContextTier tier = ContextTier.BySize)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(price);
        if (tokens.Input < 0 || tokens.Output < 0 || tokens.CacheRead < 0 || tokens.CacheWrite5m < 0 || tokens.CacheWrite1h < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "Token counts cannot be negative.");
        }

        if (discount is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(discount), discount, "Discount is a fraction between 0 and 1.");
        }

        var cost = UsesLongContext(tokens, price, tier) && price.LongContext is { } rates
            ? Sum(tokens, rates.Input, rates.Output, rates.CacheRead, rates.CacheWrite5m, rates.CacheWrite1h)
            : Sum(tokens, price.Input, price.Output, price.CacheRead, price.CacheWrite5m, price.CacheWrite1h);

        // A model without a batch price (BatchDiscount 0) is charged in full: over- rather than under-count.
        if (batch)
        {
            cost *= 1m - price.BatchDiscount;
        }

        return cost * (1m - discount);
    }

    // The long-context tier is per request, as Anthropic and Google bill it: once the prompt
    // (uncached input + cache reads + cache writes) exceeds the threshold, every token of that
    // request, output included, moves to the tier rates; exactly at the threshold stays on base.
    // A model with no tier in the table is priced at base rates even when told Long.
    private static bool UsesLongContext(TokenCounts tokens, ModelPrice price, ContextTier tier) => tier switch
    {
        ContextTier.BySize => price.LongContext is { } rates && tokens.Prompt > rates.AboveInputTokens,
        ContextTier.Base => false,
        ContextTier.Long => true,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown context tier."),
    };

    // A provider without a cache-write charge bills those tokens as ordinary input.
    private static decimal Sum(TokenCounts t, decimal input, decimal output, decimal read, decimal? write5m, decimal? write1h) =>
        ((t.Input * input)
         + (t.Output * output)
         + (t.CacheRead * read)
         + (t.CacheWrite5m * (write5m ?? input))
         + (t.CacheWrite1h * (write1h ?? input)))
        / TokensPerRateUnit;
}
