namespace BudgetBot.Providers;

// Providers:Anthropic and Providers:OpenAI (named options). An admin key, never an ordinary API key:
// the reports need organisation rights. Without one the poller does nothing.
internal sealed class ProviderApiOptions
{
    public const string Anthropic = "Anthropic";
    public const string OpenAi = "OpenAI";

    public string? AdminKey { get; set; }

    public Uri? BaseUrl { get; set; }

    public static Uri DefaultBaseUrl(string name) =>
        new(name == Anthropic ? "https://api.anthropic.com/" : "https://api.openai.com/");
}

// Providers: how many UTC days back each poll re-reads. Providers revise recent days for a while, so
// every poll reconciles the whole window again; the remainders are updated in place.
internal sealed class ProvidersOptions
{
    public int LookbackDays { get; set; } = 7;
}
