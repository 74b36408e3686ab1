using System.Net;
using System.Text;
using System.Web;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;

namespace BudgetBot.Tests.Dashboard;

// GitHub's OAuth token, user and organisation-membership endpoints at the HTTP edge, recording the
// paths asked. Every login is an active member of acme except those in Outsiders.
internal sealed class FakeGitHubOAuth : HttpMessageHandler
{
    public string Login { get; set; } = "";

    public HashSet<string> Outsiders { get; } = new(StringComparer.OrdinalIgnoreCase) { "stranger" };

    public List<string> Requests { get; } = [];

    public static Task InstallAsync(TestApp app) => app.Get<Database>().WriteAsync((c, tx) => c.ExecuteAsync(
        "INSERT INTO github_installations (installation_id, account, state, updated_at_ms) VALUES (1, 'acme', 'active', 0);", transaction: tx));

    // The whole dance as a browser does it: the sign-in page's GitHub form, then GitHub's redirect back
    // with a code. Answers the callback's response (a redirect to the dashboard or back to sign-in).
    public async Task<HttpResponseMessage> SignInAsync(DashboardSession session, string login)
    {
        Login = login;
        var challenge = await session.PostFormAsync("/dashboard/signin", "/dashboard/signin/github", new Dictionary<string, string>());
        var state = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query)["state"]!;
        return await session.Client.GetAsync($"/dashboard/signin-github?code=abc&state={Uri.EscapeDataString(state)}", TestContext.Current.CancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (Requests)
        {
            Requests.Add(path);
        }
        var json = path switch
        {
            "/login/oauth/access_token" => """{"access_token":"gho_test","token_type":"bearer","scope":"read:org"}""",
            "/user" => $$"""{"login":"{{Login}}","id":1}""",
            "/user/memberships/orgs/acme" when !Outsiders.Contains(Login) => """{"state":"active","role":"member"}""",
            _ => null,
        };
        return Task.FromResult(json is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
