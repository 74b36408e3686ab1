using System.Text.Json;
using BudgetBot.Operations;
using BudgetBot.Usage;

namespace BudgetBot.Preflight;

internal sealed record PreflightRequest(
    string? Repo, int? Pr, string? Workflow, string? Team, string? Experiment, string? RunId, decimal? EstimateUsd)
    : IJsonRequest<PreflightRequest>
{
    public static string InvalidTitle => "The pre-flight request is not valid";

    internal static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "repo", "pr", "workflow", "team", "experiment", "runId", "estimateUsd",
    };

    public static (PreflightRequest? Request, IReadOnlyList<FieldError> Errors) Read(JsonElement body, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(0, "", "the body must be a JSON object"));
            return (null, errors);
        }
        foreach (var p in body.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add(new FieldError(0, p.Name, "is not a pre-flight field"));
        }
        var r = new FieldReader(body, 0, errors);
        var request = new PreflightRequest(
            r.String("repo")?.ToLowerInvariant(), r.PositiveInt("pr"), r.String("workflow"), r.String("team", max: 100),
            r.String("experiment"), r.Identifier("runId"), r.Cost("estimateUsd", 1_000_000m, "must be a number of USD between 0 and 1000000"));
        if (request.Repo is not null && !request.Repo.Contains('/', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(0, "repo", "must be owner/name"));
        }
        if (request.Repo is null && request.Workflow is null && request.Team is null && request.Experiment is null)
        {
            errors.Add(new FieldError(0, "", "name at least one scope: repo, workflow, team or experiment"));
        }
        return errors.Count == 0 ? (request, errors) : (null, errors);
    }
}
