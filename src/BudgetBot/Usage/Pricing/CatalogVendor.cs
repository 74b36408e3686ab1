namespace BudgetBot.Usage;

// A genai-prices provider (named vendor here: "provider" is the holder of the current catalog).
// ModelMatch says which bare ids are its own models; ProviderMatch which provider names mean it
// ("bedrock" means aws, "vertex" google); Fallbacks are the vendors whose models it resells.
internal sealed record CatalogVendor(
    string Id,
    MatchRule? ModelMatch,
    MatchRule? ProviderMatch,
    IReadOnlyList<string> Fallbacks,
    IReadOnlyList<CatalogModel> Models)
{
    public CatalogModel? Find(string id) => Models.FirstOrDefault(m => m.Match.IsMatch(id));
}
