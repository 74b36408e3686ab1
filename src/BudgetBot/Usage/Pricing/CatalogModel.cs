namespace BudgetBot.Usage;

// One price entry of a vendor. Periods are in file order; as in genai-prices, the last active one
// wins, and the first applies when none is active (a request before the earliest start date).
internal sealed record CatalogModel(string Id, MatchRule Match, IReadOnlyList<PricePeriod> Periods)
{
    public ModelPrice? PriceAt(DateTimeOffset at)
    {
        for (var i = Periods.Count - 1; i >= 0; i--)
        {
            if (Periods[i].IsActive(at))
            {
                return Periods[i].Price;
            }
        }
        return Periods[0].Price;
    }
}
