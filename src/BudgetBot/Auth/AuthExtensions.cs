using BudgetBot.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;

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
        // Every OpenAPI document, whichever order AddOpenApi and this run in.
        builder.Services.ConfigureAll<OpenApiOptions>(o => o.AddDocumentTransformer<BearerSecurity>().AddOperationTransformer<BearerSecurity>());
        return builder;
    }

    // A bearer token with this scope (or admin); the 401 and 403 it may meet are in the OpenAPI document.
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope).ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    // admin implies every other scope.
    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.HasClaim("scope", scope) || user.HasClaim("scope", Scopes.Admin);
}
