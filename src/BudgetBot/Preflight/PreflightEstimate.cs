namespace BudgetBot.Preflight;

internal sealed record PreflightEstimate(decimal Usd, string Basis);
