using Microsoft.AspNetCore.Authentication;

namespace BudgetBot.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddTokenAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiTokenStore>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Ingest, p => p.RequireAssertion(c => HasScope(c.User, Scopes.Ingest)))
            .AddPolicy(Scopes.Read, p => p.RequireAssertion(c => HasScope(c.User, Scopes.Read)))
            .AddPolicy(Scopes.Admin, p => p.RequireAssertion(c => HasScope(c.User, Scopes.Admin)));
        return builder;
    }

    // admin implies every other scope.
    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.HasClaim("scope", scope) || user.HasClaim("scope", Scopes.Admin);
}
