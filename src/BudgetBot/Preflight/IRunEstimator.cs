namespace BudgetBot.Preflight;

// What a run is expected to cost when the caller did not say, learned from history (Foresight
// implements it). Basis says where the figure came from, in words the caller can show.
internal interface IRunEstimator
{
    Task<PreflightEstimate> EstimateAsync(string? repo, string? workflow, CancellationToken ct);
}
