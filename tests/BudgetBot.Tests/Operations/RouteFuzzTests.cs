using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BudgetBot.Auth;
using BudgetBot.GitHub;
using BudgetBot.Slack;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Operations;

// Issue 15 item 12: every route, a few hundred malformed, mistyped, oversized, chunked, deeply
// nested, non-UTF-8, lone-surrogate and overflowing inputs each, from a fixed seed. Nothing may
// answer 5xx, and nothing may be stored by a request that was refused.
public sealed class RouteFuzzTests : IAsyncLifetime
{
    private const int CasesPerRoute = 150;
    private const string Form = "application/x-www-form-urlencoded";

    private const string StoredSql =
        "SELECT (SELECT COUNT(*) FROM usage_events) + (SELECT COUNT(*) FROM reservations) + (SELECT COUNT(*) FROM preflight_runs) + " +
        "(SELECT COUNT(*) FROM slack_requests) + (SELECT COUNT(*) FROM experiments) + (SELECT COUNT(*) FROM github_inbox) + (SELECT COUNT(*) FROM slack_events)";

    private readonly TestApp app;
    private HttpClient client = null!;

    public RouteFuzzTests()
    {
        var settings = GitHubTestApp.Settings();
        settings["Slack:SigningSecret"] = SlackTestApp.Secret;
        settings["Slack:BotToken"] = "xoxb-test";
        settings["Slack:ApiBaseUrl"] = "http://slack.test/api/";
        var fake = new FakeSlackApi();
        app = new TestApp(settings: settings)
        {
            ConfigureTestServices = s => s.AddHttpClient(SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => fake),
        };
    }

    public async ValueTask InitializeAsync()
    {
        client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        // Deliveries stay in the inbox: the stored count must only move with what a request stored.
        await app.Get<InboxWorker>().StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string, string, string, string> BodyRoutes() => new()
    {
        { "bearer", "/api/usage", "application/json", """{"id":"f1","source":"fuzz","occurredAt":"2026-03-11T10:00:00Z","model":"claude-sonnet-4-5-20250929","inputTokens":10,"outputTokens":5,"costUsd":0.5,"repo":"acme/api","pr":42,"runId":7}""" },
        { "bearer", "/api/preflight", "application/json", """{"repo":"acme/api","workflow":"claude-review","team":"platform","runId":"r1","estimateUsd":1,"pr":42}""" },
        { "bearer", "/v1/logs", "application/json", BudgetBot.Tests.Otlp.Otlp.ApiRequestLogs() },
        { "bearer", "/v1/metrics", "application/json", BudgetBot.Tests.Otlp.Otlp.Fixture("claude-code-otlp-metrics.json") },
        { "bearer", "/v1/traces", "application/json", BudgetBot.Tests.Otlp.Otlp.Fixture("genai-otlp-traces.json") },
        { "slack", "/slack/commands", Form, "command=%2Fbudget&text=request%20%245%20for%20platform%20fuzz&user_id=U0DEV&channel_id=C0PLATFORM&trigger_id=1.2.a&team_id=T1" },
        { "slack-payload", "/slack/interactivity", Form, """{"type":"block_actions","user":{"id":"U0LEAD1"},"trigger_id":"3.4.x","container":{"type":"message","channel_id":"C0PLATFORM","message_ts":"1.2"},"actions":[{"type":"button","action_id":"budget_deny","value":"BR-1"}]}""" },
        { "slack-payload", "/slack/interactivity", Form, """{"type":"view_submission","user":{"id":"U0LEAD1"},"view":{"callback_id":"budget_deny_reason","private_metadata":"BR-1|C0PLATFORM|1.2","state":{"values":{"deny_reason":{"reason":{"type":"plain_text_input","value":"no"}}}}}}""" },
        { "slack", "/slack/events", "application/json", """{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U0DEV","text":"hi","ts":"1.2","channel":"C0PLATFORM"}}""" },
        { "github:pull_request", "/api/github/webhooks", "application/json", Payloads.Fixture("pull_request/opened.payload.json") },
        { "github:workflow_run", "/api/github/webhooks", "application/json", Payloads.WorkflowRun("completed", 42, "abc1234def5678abc1234def5678abc1234def56", "feature/x", [42]) },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task EveryBadBody_Answers4xxOr2xx_AndARefusalStoresNothing(string auth, string path, string contentType, string seed)
    {
        var rng = new Random(HashCode(path + auth + seed.Length));
        var failures = new List<string>();
        for (var i = 0; i < CasesPerRoute; i++)
        {
            var payload = auth == "slack-payload" && rng.Next(3) > 0;
            var fuzz = FuzzInput.Next(rng, payload ? seed : auth == "slack-payload" ? "payload=" + Uri.EscapeDataString(seed) : seed, contentType, form: contentType == Form && !payload);
            var body = payload ? Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(fuzz.Body))) : fuzz.Body;
            var before = await app.QueryAsync<long>(StoredSql);
            var response = await SendAsync(auth, path, fuzz with { Body = body });
            var status = (int)response.StatusCode;
            var stored = await app.QueryAsync<long>(StoredSql) - before;
            if (status >= 500 || (status >= 400 && stored != 0))
            {
                failures.Add($"case {i} ({fuzz.Kind}): {status}, stored {stored}: {Prefix(await response.Content.ReadAsStringAsync())}");
            }
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("bearer", "/api/usage")]
    [InlineData("bearer", "/api/preflight")]
    [InlineData("bearer", "/v1/metrics")]
    [InlineData("slack", "/slack/commands")]
    [InlineData("slack", "/slack/events")]
    [InlineData("github:pull_request", "/api/github/webhooks")]
    public async Task A50MegabyteChunkedBody_Gets413_LikeADeclaredOne(string auth, string path)
    {
        var chunked = await SendAsync(auth, path, new FuzzCase("chunked 50 MB", [], "application/json", true, null), FuzzContent.Repeated((byte)' ', 50L * 1024 * 1024));
        // Every route takes at most 8 MiB but the webhook, which takes GitHub's 25 MB.
        var over = path == "/api/github/webhooks" ? 26 * 1024 * 1024 : 9 * 1024 * 1024;
        var declared = await SendAsync(auth, path, new FuzzCase("declared over the limit", new byte[over], "application/json", false, null));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>(StoredSql));
    }

    [Fact]
    public async Task EveryReadRoute_WithJunkInItsPathAndQuery_AnswersWithout5xx()
    {
        var rng = new Random(15);
        string[] junk = ["", "%2500", "%ED%A0%80", "%FF", "99999999999999999999999", "-1", "1e400", "2026-02-30", "9999-12-31", "0001-01-01", new string('x', 5000), "%uD800", "a%2Fb", "..%2F..", "'; DROP TABLE x;--", "team&groupBy=pr"];
        string[] templates =
        [
            "/api/budgets/{0}", "/api/pulls/{0}/{1}/{2}", "/api/pulls/acme/api/{0}/comment", "/api/reports/spend.csv?from={0}&to={1}&groupBy={2}",
            "/api/reports/reconciliation?from={0}&to={1}", "/api/budgets?x={0}", "/api/pulls/acme/api/{0}",
        ];
        var failures = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var path = string.Format(CultureInfo.InvariantCulture, templates[rng.Next(templates.Length)], junk[rng.Next(junk.Length)], junk[rng.Next(junk.Length)], junk[rng.Next(junk.Length)]);
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{path}: {(int)response.StatusCode} {Prefix(await response.Content.ReadAsStringAsync())}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task ThePoisonDelivery_OfALoneSurrogateAction_DoesNotStopTheInbox()
    {
        var good = Payloads.PullRequest("opened", 42, "abc1234def5678abc1234def5678abc1234def56", "feature/x");
        var poison = System.Text.RegularExpressions.Regex.Replace(good, "\"action\"\\s*:\\s*\"opened\"", "\"action\":\"\\ud800\"");
        Assert.NotEqual(good, poison);
        var hooks = app.CreateClient();

        Assert.True((await hooks.DeliverAsync("pull_request", poison, "poison-1")).IsSuccessStatusCode);
        Assert.True((await hooks.DeliverAsync("pull_request", good, "good-1")).IsSuccessStatusCode);
        for (var i = 0; i < 3; i++)
        {
            await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal("done", await app.QueryAsync<string>("SELECT state FROM github_inbox WHERE delivery_id = 'good-1'"));
    }

    private async Task<HttpResponseMessage> SendAsync(string auth, string path, FuzzCase fuzz, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content ?? (fuzz.Chunked ? FuzzContent.Of(fuzz.Body) : new ByteArrayContent(fuzz.Body)) };
        if (fuzz.ContentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
        }
        if (fuzz.Header is { } header)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        if (auth.StartsWith("slack", StringComparison.Ordinal))
        {
            var ts = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Slack-Request-Timestamp", ts);
            request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(SlackTestApp.Secret, ts, fuzz.Body));
        }
        else if (auth.StartsWith("github:", StringComparison.Ordinal))
        {
            request.Headers.Add("X-GitHub-Event", auth["github:".Length..]);
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubTestApp.Secret), fuzz.Body)));
        }
        else
        {
            request.Headers.Authorization = client.DefaultRequestHeaders.Authorization;
        }
        return await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Prefix(string text) => text.Length > 300 ? text[..300] : text;

    // string.GetHashCode is randomised per process; the cases must be the same on every run.
    private static int HashCode(string s) => s.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
