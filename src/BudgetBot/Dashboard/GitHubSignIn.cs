using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace BudgetBot.Dashboard;

// "Sign in with GitHub" through the GitHub App's OAuth client (GitHub:ClientId, GitHub:ClientSecret);
// off while either is unset. Admitted: active members of an organisation the app is installed on;
// anyone else is refused. The session keeps their login only: what they see (everything for founders
// and team leads, their teams' figures for members named in the policy's teams, an empty state for
// the rest) is DashboardViewer's answer against the current policy on every request.
internal static partial class GitHubSignIn
{
    public const string Scheme = "GitHub";

    internal static readonly SqlStatement Accounts = new(
        "Dashboard.InstallationAccounts", "SELECT account FROM github_installations WHERE account IS NOT NULL AND state = 'active';");

    public static bool IsConfigured(IConfiguration config) =>
        !string.IsNullOrEmpty(config["GitHub:ClientId"]) && !string.IsNullOrEmpty(config["GitHub:ClientSecret"]);

    public static void Add(AuthenticationBuilder auth, IConfiguration config)
    {
        if (!IsConfigured(config))
        {
            return;
        }
        auth.AddOAuth(Scheme, "GitHub", o =>
        {
            o.ClientId = config["GitHub:ClientId"]!;
            o.ClientSecret = config["GitHub:ClientSecret"]!;
            o.CallbackPath = "/dashboard/signin-github";
            o.AuthorizationEndpoint = "https://github.com/login/oauth/authorize";
            o.TokenEndpoint = "https://github.com/login/oauth/access_token";
            o.UserInformationEndpoint = "https://api.github.com/user";
            o.SignInScheme = DashboardSignIn.Scheme;
            o.Scope.Add("read:org");
            o.AccessDeniedPath = "/dashboard/signin?failed=1";
            o.Events.OnCreatingTicket = CreatingTicketAsync;
            o.Events.OnRemoteFailure = c =>
            {
                c.Response.Redirect("/dashboard/signin?failed=1");
                c.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/dashboard/signin/github", () =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = "/dashboard" }, [Scheme]))
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

    private static async Task CreatingTicketAsync(OAuthCreatingTicketContext c)
    {
        var logger = c.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BudgetBot.Dashboard");
        var login = (await GetAsync(c, c.Options.UserInformationEndpoint)).GetProperty("login").GetString() ?? "";
        var db = c.HttpContext.RequestServices.GetRequiredService<Database>();
        var orgs = await db.ReadAsync(async x => (await x.QueryAsync<string>(db.Sql(Accounts))).ToList(), c.HttpContext.RequestAborted);
        var member = false;
        foreach (var org in orgs)
        {
            using var response = await SendAsync(c, $"https://api.github.com/user/memberships/orgs/{Uri.EscapeDataString(org)}");
            member |= response.IsSuccessStatusCode
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(c.HttpContext.RequestAborted)).RootElement.GetProperty("state").GetString() == "active";
        }
        if (!member)
        {
            LogRefused(logger, login);
            // OAuthHandler ignores c.Fail here; an exception goes to OnRemoteFailure, which sends them back.
            throw new AuthenticationFailureException($"GitHub user {login} is not an active member of the installation's organisation.");
        }
        c.Identity!.AddClaims([new Claim(ClaimTypes.Name, login), new Claim(DashboardViewer.ViaClaim, DashboardViewer.ViaGitHub), new Claim("scope", Scopes.Read)]);
        var viewer = DashboardViewer.ForGitHubLogin(login, c.HttpContext.RequestServices.GetRequiredService<IPolicyProvider>().Current);
        LogSignedIn(logger, login, viewer.All ? "everything" : viewer.Teams.Count == 0 ? "no team" : "teams " + string.Join(", ", viewer.Teams));
    }

    private static async Task<JsonElement> GetAsync(OAuthCreatingTicketContext c, string url)
    {
        using var response = await SendAsync(c, url);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(c.HttpContext.RequestAborted)).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> SendAsync(OAuthCreatingTicketContext c, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", c.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("BudgetBot", "1.0"));
        return await c.Backchannel.SendAsync(request, c.HttpContext.RequestAborted);
    }

    [LoggerMessage(EventId = 13004, Level = LogLevel.Information, Message = "Dashboard sign-in with GitHub as {Login}, who sees {View}")]
    private static partial void LogSignedIn(ILogger logger, string login, string view);

    [LoggerMessage(EventId = 13005, Level = LogLevel.Warning, Message = "Dashboard GitHub sign-in refused for {Login}: not an active member of the installation's organisation")]
    private static partial void LogRefused(ILogger logger, string login);
}
