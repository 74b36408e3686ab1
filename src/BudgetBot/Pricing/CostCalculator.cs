namespace BudgetBot.Pricing;

// Pure: tokens × list price, in USD, unrounded. Money.ToMicros rounds once, when the result is stored.
internal static class CostCalculator
{
    private const decimal TokensPerRateUnit = 1_000_000m;

    public static decimal Calculate(TokenCounts tokens, ModelPrice price, decimal discount = 0m, bool batch = false)
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

        // The long-context tier is per request, as Anthropic and Google bill it: once the prompt
        // (uncached input + cache reads + cache writes) exceeds the threshold, every token of that
        // request, output included, moves to the tier rates. Exactly at the threshold stays on base.
        // Pricing an aggregate of many requests therefore needs per-request counts to be exact.
        var cost = price.LongContext is { } tier && tokens.Prompt > tier.AboveInputTokens
            ? Sum(tokens, tier.Input, tier.Output, tier.CacheRead, tier.CacheWrite5m, tier.CacheWrite1h)
            : Sum(tokens, price.Input, price.Output, price.CacheRead, price.CacheWrite5m, price.CacheWrite1h);

        if (batch)
        {
            cost *= 1m - price.BatchDiscount;
        }

        return cost * (1m - discount);
    }

    // A provider without a cache-write charge bills those tokens as ordinary input.
    private static decimal Sum(TokenCounts t, decimal input, decimal output, decimal read, decimal? write5m, decimal? write1h) =>
        ((t.Input * input)
         + (t.Output * output)
         + (t.CacheRead * read)
         + (t.CacheWrite5m * (write5m ?? input))
         + (t.CacheWrite1h * (write1h ?? input)))
        / TokensPerRateUnit;
}
