namespace BudgetBot.Transcripts;

// What `budgetbot import claude-code` did, printed as its summary.
internal sealed record ImportSummary(
    int Files, int Lines, int Malformed, int Responses, int RepeatedLines, int Accepted, int Duplicates, int DroppedAsTelemetry, int WithoutRepo)
{
    public override string ToString() =>
        $"files: {Files}, lines: {Lines} ({Malformed} malformed, skipped), API responses: {Responses} " +
        $"({RepeatedLines} repeated lines of a multi-block response counted once); events accepted: {Accepted}, " +
        $"duplicates (imported before): {Duplicates}, dropped (session already reported by OpenTelemetry): {DroppedAsTelemetry}, " +
        $"without a repository: {WithoutRepo}";
}
