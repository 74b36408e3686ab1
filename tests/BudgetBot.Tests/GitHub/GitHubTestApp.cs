using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.GitHub;

// Sends deliveries the way GitHub does: JSON body, X-GitHub-Event, X-GitHub-Delivery and an
// X-Hub-Signature-256 HMAC over the raw bytes.
internal static class GitHubTestApp
{
    public const string Secret = "It's a Secret to Everybody";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["GitHub:AppId"] = "1",
        ["GitHub:PrivateKey"] = "not read by the inbound half",
        ["GitHub:WebhookSecret"] = Secret,
    };

    public static TestApp Create(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        new(settings: Settings()) { ConfigureTestServices = services };

    public static string Sign(string body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static Task<HttpResponseMessage> DeliverAsync(this HttpClient client, string eventName, string body, string? delivery = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        if (delivery != "")
        {
            request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        }
        request.Headers.Add("X-GitHub-Hook-ID", "123");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "integration");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", "1");
        request.Headers.Add("User-Agent", "GitHub-Hookshot/test");
        request.Headers.Add("X-Hub-Signature-256", signature ?? Sign(body));
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string> DeliverAndProcessAsync(
        this TestApp app, HttpClient client, string eventName, string body, string? delivery = null, bool expectDone = true)
    {
        delivery ??= Guid.NewGuid().ToString();
        var response = await client.DeliverAsync(eventName, body, delivery);
        Assert.True(response.IsSuccessStatusCode, $"{eventName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
        if (expectDone)
        {
            var (state, error) = await app.QueryAsync<(string, string?)>("SELECT state, last_error FROM github_inbox WHERE delivery_id = @delivery", new { delivery });
            Assert.True(state == "done", $"{eventName} delivery ended {state}: {error}");
        }
        return delivery;
    }

    public static async Task<T> QueryAsync<T>(this TestApp app, string sql, object? args = null)
    {
        await using var c = new SqliteConnection($"Data Source={app.DatabasePath}");
        return await c.QuerySingleAsync<T>(sql, args);
    }

    public static async Task<List<T>> QueryListAsync<T>(this TestApp app, string sql, object? args = null)
    {
        await using var c = new SqliteConnection($"Data Source={app.DatabasePath}");
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }
}
