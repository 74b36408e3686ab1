namespace BudgetBot.Alerts;

// One pull request (Pr set) or one workflow run outside a PR (RunId set) whose last hour is judged.
// A run inside a PR is judged as part of its PR, so one runaway never alerts twice.
internal sealed record RunawaySubject(string Repo, int? Pr, string? RunId, string Team, string? Workflow)
{
    public string Key => Pr is { } pr ? $"pr:{Repo}#{pr}" : $"run:{Repo}:{RunId}";

    public string Label => Pr is { } pr ? $"{Repo}#{pr}" : $"run {RunId} in {Repo}";
}
