namespace BudgetBot.Providers;

// Pure: splits whole micro-dollars in proportion to weights, so the parts always add up exactly.
internal static class Allocation
{
    public static long[] Split(long amount, IReadOnlyList<long> weights)
    {
        var parts = new long[weights.Count];
        if (parts.Length == 0)
        {
            return parts;
        }
        var total = weights.Sum();
        if (total <= 0)
        {
            // Nothing billed anywhere: the first account carries it rather than losing it.
            parts[0] = amount;
            return parts;
        }
        long given = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parts[i] = (long)decimal.Round((decimal)amount * weights[i] / total, 0, MidpointRounding.AwayFromZero);
            given += parts[i];
        }
        parts[^1] = amount - given;
        return parts;
    }
}
