using System.Text.RegularExpressions;

namespace BudgetBot.Usage;

// The spellings of one model across vendors, and what an id's shape says about who served it:
// Bedrock  "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0"
// Vertex   "claude-sonnet-4-5@20250929"
// gateways "anthropic/claude-sonnet-4.5" (OpenRouter), "gemini/gemini-2.5-pro" (LiteLLM)
// Claude Code adds "[1m]" for its 1M-context mode.
internal static partial class ModelIds
{
    private const string LongContextSuffix = "[1m]";

    public static string Clean(string model)
    {
        var id = model.Trim().ToLowerInvariant();
        return id.EndsWith(LongContextSuffix, StringComparison.Ordinal) ? id[..^LongContextSuffix.Length] : id;
    }

    // The bare first-party id: no gateway prefix, Bedrock region and vendor, version suffix or '@'.
    public static string Bare(string id)
    {
        var bare = id[(id.LastIndexOf('/') + 1)..];
        bare = BedrockPrefix().Replace(bare, string.Empty);
        bare = BedrockVersion().Replace(bare, string.Empty);
        return bare.Replace('@', '-');
    }

    public static string? Undated(string id)
    {
        var undated = DateSuffix().Replace(id, string.Empty);
        return undated.Length != id.Length ? undated : null;
    }

    // The vendor an id's shape names, if any (a gateway prefix is tried against the catalog instead).
    public static string? VendorOfShape(string id) =>
        BedrockPrefix().IsMatch(id) || BedrockVersion().IsMatch(id) || id.StartsWith("arn:aws:bedrock", StringComparison.Ordinal) ? "aws"
        : id.Contains('@', StringComparison.Ordinal) ? "google"
        : null;

    [GeneratedRegex(@"^(?:(?:us|eu|apac|au|jp|ca|us-gov|global|regional)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\.", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockPrefix();

    [GeneratedRegex(@"-v[0-9]+:[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockVersion();

    // Anthropic dates its ids -YYYYMMDD, OpenAI -YYYY-MM-DD.
    [GeneratedRegex("-(?:[0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
