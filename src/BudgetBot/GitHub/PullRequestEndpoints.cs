using BudgetBot.Auth;
using BudgetBot.Pricing;

namespace BudgetBot.GitHub;

// GET /api/pulls/{owner}/{repo}/{number} (DESIGN §5) and a preview of the sticky comment.
internal static class PullRequestEndpoints
{
    public static IEndpointRouteBuilder MapPulls(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pulls/{owner}/{repo}/{number:int}").RequireAuthorization(Scopes.Read);
        group.MapGet("/", async (string owner, string repo, int number, PrSpendReader reader, CancellationToken ct) =>
                Results.Ok(Json(await reader.ReadAsync($"{owner}/{repo}", number, ct))))
            .WithName("GetPull").WithSummary("What agents spent on one pull request, and the budgets it draws on.");
        group.MapGet("/comment", async (string owner, string repo, int number, PrSpendReader reader, CancellationToken ct) =>
                Results.Text(PrCommentRenderer.Render(await reader.ReadAsync($"{owner}/{repo}", number, ct)), "text/markdown; charset=utf-8"))
            .WithName("PreviewPullComment").WithSummary("The sticky cost comment as it would be posted now.");
        return app;
    }

    private static object Json(PrSpend s) => new
    {
        repo = s.Repo,
        number = s.Number,
        totalUsd = Money.FromMicros(s.TotalMicros),
        events = s.Events,
        unpricedEvents = s.UnpricedEvents,
        byWorkflow = s.ByWorkflow.Select(w => new { workflow = w.Workflow, runs = w.Runs, models = w.Models, tokens = w.Tokens, costUsd = Money.FromMicros(w.CostMicros) }),
        byModel = s.ByModel.Select(m => new { model = m.Model, events = m.Events, tokens = m.Tokens, costUsd = Money.FromMicros(m.CostMicros) }),
        tokens = new
        {
            input = s.Tokens.Input, output = s.Tokens.Output, cacheRead = s.Tokens.CacheRead, cacheWrite5m = s.Tokens.CacheWrite5m,
            cacheWrite1h = s.Tokens.CacheWrite1h, total = s.Tokens.Total, cacheHitRatio = s.Tokens.CacheHitRatio4,
        },
        budgets = s.Budgets,
        mergedPrs = s.MergedPrs is { } m
            ? new { count = m.MergedPrs, medianUsd = Money.FromMicros(m.MedianMicros), p90Usd = Money.FromMicros(m.P90Micros) }
            : null,
    };
}
