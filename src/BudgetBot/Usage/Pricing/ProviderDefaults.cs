namespace BudgetBot.Usage;

// What genai-prices does not say and BudgetBot needs: the Batch API discount per vendor. Anthropic,
// OpenAI and Google take 50 % off every token class; elsewhere batch usage is charged in full
// (over- rather than under-count).
internal static class ProviderDefaults
{
    public static decimal BatchDiscount(string vendor) => vendor switch
    {
        "anthropic" or "openai" or "google" => 0.5m,
        _ => 0m,
    };
}
