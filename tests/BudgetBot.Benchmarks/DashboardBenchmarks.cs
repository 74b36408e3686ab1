using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BudgetBot.Auth;

namespace BudgetBot.Benchmarks;

// The dashboard's overview and spend pages, signed in, with 10,000 and 1,000,000 events in the
// period. Both read rollups only (spend_rollups, dashboard_spend), never usage_events.
public partial class DashboardBenchmarks
{
    private BenchHost host = null!;
    private HttpClient browser = null!;

    [Params(10_000, 1_000_000)]
    public int EventsInPeriod { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        await UsageSeeder.SeedAsync(host, "platform", EventsInPeriod);
        browser = await SignInAsync(host);
        // Pages without the seeded spend would time an empty dashboard.
        var spend = await browser.GetStringAsync("/dashboard/spend");
        if (!spend.Contains("platform", StringComparison.Ordinal) || !spend.Contains("<rect", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The spend page does not show the seeded events.");
        }
    }

    [Benchmark(Description = "GET /dashboard (overview)")]
    public async Task<string> Overview() => await browser.GetStringAsync("/dashboard");

    [Benchmark(Description = "GET /dashboard/spend (30 days, by team, per day)")]
    public async Task<string> Spend() => await browser.GetStringAsync("/dashboard/spend");

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        browser.Dispose();
        await host.DisposeAsync();
    }

    // The session cookie is Secure and the bench host is plain HTTP on loopback, so cookies are
    // carried by hand rather than by a CookieContainer (which would withhold them).
    private static async Task<HttpClient> SignInAsync(BenchHost host)
    {
        var token = await host.Get<ApiTokenStore>().CreateAsync("bench-dashboard", [Scopes.Read]);
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.Http.BaseAddress };
        using var form = await http.GetAsync("/dashboard/signin");
        var antiforgery = Cookies(form).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var field = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(field) }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await http.SendAsync(post);
        var session = Cookies(signedIn).Single(c => c.StartsWith("budgetbot.session=", StringComparison.Ordinal));
        var browser = new HttpClient { BaseAddress = host.Http.BaseAddress };
        browser.DefaultRequestHeaders.Add("Cookie", session);
        return browser;
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
