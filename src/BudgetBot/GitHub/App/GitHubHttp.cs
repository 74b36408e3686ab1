using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// The REST edge: absolute URLs under GitHub:ApiBaseUrl (github.com or GHES's /api/v3/), snake_case
// JSON bodies, and answers reduced to GitHubResponse. It never throws for an HTTP status.
internal sealed class GitHubHttp(IHttpClientFactory factory, IOptions<GitHubOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "github";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Uri BaseUri { get; } = new(options.Value.ApiBaseUrl.EndsWith('/') ? options.Value.ApiBaseUrl : options.Value.ApiBaseUrl + "/");

    // GraphQL lives at /graphql on github.com and at /api/graphql beside GHES's /api/v3/.
    public Uri GraphQlUri => BaseUri.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
        ? new Uri(BaseUri, "../graphql")
        : new Uri(BaseUri, "graphql");

    public async Task<GitHubResponse> SendAsync(HttpMethod method, Uri url, string bearer, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        using var response = await factory.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new GitHubResponse((int)response.StatusCode, Parse(text), RetryAfter(response), Header(response, "x-ratelimit-remaining"),
            Header(response, "x-ratelimit-reset") is { } reset ? DateTimeOffset.FromUnixTimeSeconds(reset) : null);
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public static void Configure(HttpClient client)
    {
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BudgetBot", "1.0"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        client.Timeout = TimeSpan.FromSeconds(30);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), out var n) ? n : null;

    private static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // An HTML error page from a proxy: the status code alone decides what happens next.
            return default;
        }
    }
}

// One answer from GitHub, reduced to what the senders decide on. Body is the parsed JSON (default
// when empty or not JSON).
internal sealed record GitHubResponse(
    int Status,
    JsonElement Body,
    TimeSpan? RetryAfter,
    long? RateLimitRemaining,
    DateTimeOffset? RateLimitReset)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string Message =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()! is var s && s.Length > 200 ? s[..200] : m.GetString()!
            : "";
}
