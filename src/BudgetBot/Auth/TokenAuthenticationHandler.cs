using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace BudgetBot.Auth;

// Bearer tokens for /api/* and OTLP. OpenTelemetry exporters send them through
// OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20bb_..., so only the header form is accepted.
// 401 and 403 are problem details that say what to change.
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BudgetBotToken";

    private const string Create = "create one with `tokens create --name NAME --scopes SCOPES`";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var identity = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Name) };
        claims.AddRange(identity.Scopes.Select(s => new Claim("scope", s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        string? header = Request.Headers.Authorization;
        var (error, detail) = header switch
        {
            null or "" => (null, $"The request has no Authorization header. Send `Authorization: Bearer <token>`; {Create}."),
            _ when !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) =>
                ("invalid_request", $"The Authorization header is not a bearer token. Send `Authorization: Bearer <token>`; {Create}."),
            _ => ("invalid_token", $"The bearer token is unknown or revoked; {Create}."),
        };
        Response.Headers.WWWAuthenticate = error is null ? "Bearer" : $"Bearer error=\"{error}\"";
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [];
        var held = Context.User.FindAll("scope").Select(c => c.Value).ToList();
        var detail = needed.Count == 0
            ? "The token may not use this route."
            : $"This route needs a token with scope '{string.Join("' or '", needed)}' (or '{Scopes.Admin}'); "
              + $"this token has {(held.Count == 0 ? "no scope" : "'" + string.Join("', '", held) + "'")}. "
              + $"Create one with `tokens create --name NAME --scopes {needed[0]}`.";
        await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail).ExecuteAsync(Context);
    }
}
