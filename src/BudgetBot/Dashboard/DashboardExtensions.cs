using BudgetBot.Auth;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace BudgetBot.Dashboard;

internal static class DashboardExtensions
{
    public const string Policy = "Dashboard";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        // SameAsRequest: a plain-HTTP local run still gets its form tokens; behind HTTPS the cookie is Secure.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddSingleton<DashboardRollups>();
        builder.Services.AddSingleton<IUsageWriteHook>(sp => sp.GetRequiredService<DashboardRollups>());
        builder.Services.AddSingleton<SpendCube>();
        builder.Services.AddSingleton<DashboardReader>();
        builder.Services.AddSingleton<LedgerReader>();
        builder.Services.AddCascadingAuthenticationState();
        var auth = builder.Services.AddAuthentication();
        GitHubSignIn.Add(auth, builder.Configuration);
        auth.AddCookie(DashboardSignIn.Scheme, o =>
            {
                o.Cookie.Name = "budgetbot.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax, not Strict: the GitHub OAuth callback is a cross-site redirect that must carry it.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/dashboard/signin";
                o.AccessDeniedPath = "/dashboard/signin";
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(DashboardSignIn.Scheme)
            .RequireAssertion(c => c.User.HasClaim("scope", Scopes.Read) || c.User.HasClaim("scope", Scopes.Admin)));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // After UseOperations' authentication, so tokens are checked against the signed-in user.
        app.UseAntiforgery();
        app.MapRazorComponents<App>().RequireAuthorization(Policy);
        DashboardSignIn.Map(app);
        if (GitHubSignIn.IsConfigured(app.Configuration))
        {
            GitHubSignIn.Map(app);
        }
        DashboardApi.Map(app);
        return app;
    }
}
