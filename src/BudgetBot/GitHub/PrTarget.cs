using System.Text.Json;

namespace BudgetBot.GitHub;

// The payload of a GitHub outbox row: which PR to refresh. The body is rendered when the row is
// sent, so a row that waited behind a debounce still posts the newest figures.
internal sealed record PrTarget(string Repo, int Number)
{
    public string ToJson() => JsonSerializer.Serialize(new { repo = Repo, number = Number });

    public static PrTarget? Parse(string payload)
    {
        try
        {
            var e = JsonDocument.Parse(payload).RootElement;
            return e.TryGetProperty("repo", out var repo) && repo.GetString() is { Length: > 0 } r
                && e.TryGetProperty("number", out var number) && number.TryGetInt32(out var n)
                ? new PrTarget(r.ToLowerInvariant(), n)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
