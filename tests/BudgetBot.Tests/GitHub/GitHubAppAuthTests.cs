using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.GitHub;

public sealed class GitHubAppAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Jwt_IsRs256SignedByTheAppKey_IssuedAMinuteAgo_ExpiringWithinTenMinutes()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

        var jwt = GitHubAppJwt.Create(key, "123", now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal("123", claims.GetProperty("iss").GetString());
        Assert.Equal(now.AddSeconds(-60).ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        var exp = claims.GetProperty("exp").GetInt64();
        Assert.InRange(exp - now.ToUnixTimeSeconds(), 60, 600);
        Assert.True(Verifies(key, jwt));
        using var other = RSA.Create(2048);
        Assert.False(Verifies(other, jwt));
    }

    [Fact]
    public async Task TwentyParallelCallers_MakeOneTokenRequest_RefreshedFiveMinutesEarly_AndDroppedOnForget()
    {
        await using var gh = new GitHubHarness();
        await gh.StartAsync();
        gh.Fake.TokenDelay = TimeSpan.FromMilliseconds(100);
        var tokens = gh.App.Get<InstallationTokens>();

        var got = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => tokens.GetAsync(99, Ct), Ct)));

        Assert.Equal(1, gh.Fake.TokenRequests);
        Assert.Single(got.Select(g => g.Token).Distinct());
        var request = Assert.Single(gh.Fake.To(HttpMethod.Post, "/app/installations/99/access_tokens"));
        Assert.True(Verifies(gh.Key, request.Headers["Authorization"]["Bearer ".Length..]));

        gh.Advance(TimeSpan.FromMinutes(54));
        await tokens.GetAsync(99, Ct);
        Assert.Equal(1, gh.Fake.TokenRequests);
        gh.Advance(TimeSpan.FromMinutes(2));
        await tokens.GetAsync(99, Ct);
        Assert.Equal(2, gh.Fake.TokenRequests);

        tokens.Forget(99);
        await tokens.GetAsync(99, Ct);
        Assert.Equal(3, gh.Fake.TokenRequests);
    }

    [Fact]
    public async Task Unauthorized_DropsTheTokenAndRetries()
    {
        await using var gh = new GitHubHarness();
        await gh.StartAsync();
        gh.Fake.Script(HttpMethod.Post, "/issues/42/comments", () => FakeGitHub.Answer(HttpStatusCode.Unauthorized, new { message = "Bad credentials" }));

        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.DrainAsync();

        Assert.Equal(2, gh.Fake.TokenRequests);
        Assert.Equal(2, gh.CommentPosts.Count);
        Assert.Single(gh.Fake.Comments.Values);
    }

    [Fact]
    public async Task EnterpriseServer_BaseUrlIsUsedForEveryCall()
    {
        await using var gh = new GitHubHarness(apiBaseUrl: "https://ghe.example/api/v3");
        await gh.StartAsync();

        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();

        Assert.NotEmpty(gh.CommentPosts);
        Assert.All(gh.Fake.Requests, r => Assert.StartsWith("https://ghe.example/api/v3/", r.Uri.ToString(), StringComparison.Ordinal));
        Assert.Single(gh.Fake.To(HttpMethod.Post, "/api/v3/app/installations/99/access_tokens"));
        Assert.Equal("https://ghe.example/api/graphql", gh.App.Get<GitHubHttp>().GraphQlUri.ToString());
    }

    [Fact]
    public async Task Unconfigured_LogsWhatItWouldSend_AndMakesNoCall()
    {
        var logs = new RecordingLogger();
        await using var gh = new GitHubHarness(configured: false, services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        await gh.StartAsync();

        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();

        Assert.Empty(gh.Fake.Requests);
        Assert.Equal(("skipped", "GitHub is not configured; logged instead"), await gh.LastOutboxAsync(GitHubOutbox.CommentKind));
        var line = Assert.Single(logs.Entries, m => m.EventId == 3110).Message;
        Assert.Contains("github:acme/api#42:comment", line, StringComparison.Ordinal);
        Assert.DoesNotContain("$2.00", line, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, m => m.EventId == 3120);
    }

    private static bool Verifies(RSA key, string jwt)
    {
        using var pub = RSA.Create();
        pub.ImportParameters(key.ExportParameters(false));
        var dot = jwt.LastIndexOf('.');
        return pub.VerifyData(Encoding.ASCII.GetBytes(jwt[..dot]), Base64Url.DecodeFromChars(jwt.AsSpan(dot + 1)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
