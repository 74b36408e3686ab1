using System.Text.Json;

namespace BudgetBot.Tests.GitHub;

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => Uri.AbsolutePath;

    public JsonElement Json() => JsonDocument.Parse(Body ?? "null").RootElement;
}
