using System.Security.Claims;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Dashboard;

// Local sign-in: an API token of scope read, posted once in a form, becomes an HTTP-only session
// cookie. The token never appears in a URL; a wrong one sends the visitor back to the form.
internal static partial class DashboardSignIn
{
    public const string Scheme = "BudgetBotDashboard";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/dashboard/signin", SignInAsync).ExcludeFromDescription();
        app.MapPost("/dashboard/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? token, [FromForm] string? returnUrl, HttpContext http, ApiTokenStore tokens, ILoggerFactory logs)
    {
        var identity = string.IsNullOrWhiteSpace(token) ? null : await tokens.FindAsync(token.Trim(), http.RequestAborted);
        var logger = logs.CreateLogger("BudgetBot.Dashboard");
        if (identity is null || !(identity.Scopes.Contains(Scopes.Read) || identity.Scopes.Contains(Scopes.Admin)))
        {
            LogRefused(logger);
            return Results.Redirect("/dashboard/signin?failed=1");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Name), new(DashboardViewer.ViaClaim, DashboardViewer.ViaToken) };
        claims.AddRange(identity.Scopes.Select(s => new Claim("scope", s)));
        await http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
        LogSignedIn(logger, identity.Name);
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/dashboard");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, ILoggerFactory logs)
    {
        LogSignedOut(logs.CreateLogger("BudgetBot.Dashboard"), http.User.Identity?.Name ?? "(anonymous)");
        await http.SignOutAsync(Scheme);
        return Results.Redirect("/dashboard/signin");
    }

    // Only a path on this site: never //host or /\host, which browsers treat as another origin.
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    [LoggerMessage(EventId = 13001, Level = LogLevel.Information, Message = "Dashboard sign-in as {Name}")]
    private static partial void LogSignedIn(ILogger logger, string name);

    [LoggerMessage(EventId = 13002, Level = LogLevel.Warning, Message = "Dashboard sign-in refused: unknown token or no read scope")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(EventId = 13003, Level = LogLevel.Information, Message = "Dashboard sign-out of {Name}")]
    private static partial void LogSignedOut(ILogger logger, string name);
}
