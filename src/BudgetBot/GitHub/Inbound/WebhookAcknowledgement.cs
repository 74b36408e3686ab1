using System.Text.Json;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Octokit.Webhooks.AspNetCore;

namespace BudgetBot.GitHub;

// POST /api/github/webhooks. Octokit.Webhooks.AspNetCore checks content type, event header and the
// X-Hub-Signature-256 HMAC; this thin wrapper adds what the inbox needs around it: a delivery id to
// deduplicate on (400 without one), and 202 Accepted once the raw delivery is stored, because
// processing happens later. Nothing here parses the payload, so the path stays measurable on its own.
internal static class WebhookAcknowledgement
{
    public const string Path = "/api/github/webhooks";

    // Octokit maps deliveries with a bare RequestDelegate, which the API explorer skips: the handler
    // metadata of the parameterless 503 answer lists it in /openapi/v1.json, described like it.
    public static IEndpointConventionBuilder MapAcknowledged(IEndpointRouteBuilder endpoints, string secret) =>
        Describe(Wrap(endpoints.MapGitHubWebhooks(Path, secret), System.Text.Encoding.UTF8.GetBytes(secret)).WithMetadata(((Func<ProblemHttpResult>)Unconfigured).Method));

    public static IEndpointConventionBuilder MapUnconfigured(IEndpointRouteBuilder endpoints) =>
        Describe(endpoints.MapPost(Path, Unconfigured));

    public static ProblemHttpResult Unconfigured() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "GitHub is not configured",
            detail: "Set GitHub:AppId, GitHub:PrivateKey or GitHub:PrivateKeyPath, and GitHub:WebhookSecret to receive webhooks.");

    // The same description configured or not: GitHub's JSON payload, signed with X-Hub-Signature-256
    // (the webhook secret, not a bearer token), answered 202 once stored.
    private static IEndpointConventionBuilder Describe(IEndpointConventionBuilder endpoint) =>
        endpoint
            .AcceptsJson(typeof(JsonElement))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(void)))
            .WithMetadata(new WebhookBodyLimit())
            .ProducesProblems(StatusCodes.Status503ServiceUnavailable)
            .WithTags("GitHub")
            .WithName("GitHubWebhook")
            .WithSummary("GitHub App webhook deliveries, signed with X-Hub-Signature-256 and identified by X-GitHub-Delivery; stored, answered 202, processed later.");

    private static IEndpointConventionBuilder Wrap(IEndpointConventionBuilder endpoint, byte[] secret)
    {
        endpoint.Add(builder =>
        {
            var inner = builder.RequestDelegate ?? throw new InvalidOperationException("The webhook endpoint has no request delegate.");
            builder.RequestDelegate = async context =>
            {
                if (string.IsNullOrWhiteSpace(context.Request.Headers["X-GitHub-Delivery"]))
                {
                    await Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "X-GitHub-Delivery is missing",
                        detail: "Every delivery needs its id: it is the key that makes a redelivery a no-op.").ExecuteAsync(context);
                    return;
                }
                // The library logs a missing event header or a bad signature at Error: strangers would
                // fill the log. They are refused here first, at Warning and rate-limited.
                if (await WebhookSignature.CheckAsync(context.Request, secret, context.RequestAborted) is { } refusal)
                {
                    context.RequestServices.GetRequiredService<WebhookRefusals>().Refuse(refusal.Reason, context.Connection.RemoteIpAddress?.ToString());
                    await Results.Problem(statusCode: refusal.Status, title: refusal.Title,
                        detail: "GitHub signs every delivery with the webhook secret (X-Hub-Signature-256) and names its event (X-GitHub-Event).")
                        .ExecuteAsync(context);
                    return;
                }
                await inner(context);
                if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.StatusCode = StatusCodes.Status202Accepted;
                }
            };
        });
        return endpoint;
    }
}

// GitHub sends payloads up to 25 MB: the webhook route alone accepts that much (UseOperations reads
// this metadata; every other route keeps its limit).
internal sealed class WebhookBodyLimit : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => WebhookSignature.MaxBodyBytes;
}
