using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.GitHub;

// GET /api/pulls/{owner}/{repo}/{number} (DESIGN §5) and a preview of the sticky comment.
internal static class PullRequestEndpoints
{
    public static IEndpointRouteBuilder MapPulls(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pulls/{owner}/{repo}/{number:int}").RequireScope(Scopes.Read).WithTags("Pulls");
        group.MapGet("/", GetPull)
            .WithName("GetPull").WithSummary("What agents spent on one pull request, and the budgets it draws on.");
        group.MapGet("/comment", PreviewPullComment)
            .ProducesText("text/markdown")
            .WithName("PreviewPullComment").WithSummary("The sticky cost comment as it would be posted now.");
        return app;
    }

    public static async Task<Ok<PullSpendJson>> GetPull(string owner, string repo, int number, PrSpendReader reader, CancellationToken ct) =>
        TypedResults.Ok(PullSpendJson.From(await reader.ReadAsync($"{owner}/{repo}", number, ct)));

    public static async Task<ContentHttpResult> PreviewPullComment(string owner, string repo, int number, PrSpendReader reader, CancellationToken ct) =>
        TypedResults.Text(PrCommentRenderer.Render(await reader.ReadAsync($"{owner}/{repo}", number, ct)), "text/markdown; charset=utf-8");
}

// The JSON of GET /api/pulls/...: PrSpend in USD instead of micro-dollars.
internal sealed record PullSpendJson(
    string Repo,
    int Number,
    decimal TotalUsd,
    long Events,
    long UnpricedEvents,
    IReadOnlyList<PullWorkflowJson> ByWorkflow,
    IReadOnlyList<PullModelJson> ByModel,
    PullTokensJson Tokens,
    IReadOnlyList<BudgetStatus> Budgets,
    PullMergedJson? MergedPrs)
{
    public static PullSpendJson From(PrSpend s) => new(
        s.Repo,
        s.Number,
        Money.FromMicros(s.TotalMicros),
        s.Events,
        s.UnpricedEvents,
        [.. s.ByWorkflow.Select(w => new PullWorkflowJson(w.Workflow, w.Runs, w.Models, w.Tokens, Money.FromMicros(w.CostMicros)))],
        [.. s.ByModel.Select(m => new PullModelJson(m.Model, m.Events, m.Tokens, Money.FromMicros(m.CostMicros)))],
        new PullTokensJson(s.Tokens.Input, s.Tokens.Output, s.Tokens.CacheRead, s.Tokens.CacheWrite5m, s.Tokens.CacheWrite1h, s.Tokens.Total, s.Tokens.CacheHitRatio4),
        s.Budgets,
        s.MergedPrs is { } m ? new PullMergedJson(m.MergedPrs, Money.FromMicros(m.MedianMicros), Money.FromMicros(m.P90Micros)) : null);
}

internal sealed record PullWorkflowJson(string Workflow, int Runs, IReadOnlyList<string> Models, long Tokens, decimal CostUsd);

internal sealed record PullModelJson(string Model, long Events, long Tokens, decimal CostUsd);

internal sealed record PullTokensJson(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h, long Total, decimal? CacheHitRatio);

internal sealed record PullMergedJson(int Count, decimal MedianUsd, decimal P90Usd);
