using System.ComponentModel;

namespace BudgetBot.Preflight;

// The wire shape of POST /api/preflight, for /openapi/v1.json only: PreflightRequest.Read reads the body
// field by field so that every problem is listed, and a test keeps these names equal to the ones it knows.
// Every field is optional, but at least one of repo, workflow, team and experiment must be named.
internal sealed record PreflightBody
{
    [Description("owner/name")]
    public string? Repo { get; init; }

    public int? Pr { get; init; }

    public string? Workflow { get; init; }

    public string? Team { get; init; }

    public string? Experiment { get; init; }

    [Description("The run the estimate is held for until its usage arrives, as a string or a non-negative integer.")]
    public string? RunId { get; init; }

    [Description("What the run is expected to cost in USD; when absent, learned from history (the answer's estimate.basis says how).")]
    public decimal? EstimateUsd { get; init; }
}
