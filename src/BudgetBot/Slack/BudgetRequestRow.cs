using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// One row of slack_requests. Kind is "increase" (a grant to BudgetId) or "experiment" (an allowance
// named by BudgetId "experiment:<name>" for ExperimentDays). State: pending, approved, denied, expired.
internal sealed record BudgetRequestRow(
    long Id,
    string Kind,
    string BudgetId,
    long AmountMicros,
    string Reason,
    string Requester,
    string Channel,
    long? ExperimentDays,
    string State,
    long CreatedAtMs,
    long ExpiresAtMs,
    string? DecidedBy,
    long? DecidedAtMs,
    string? DecisionNote,
    string? CardTs)
{
    public const string Increase = "increase";
    public const string Experiment = "experiment";
    public const string Pending = "pending";

    public string DisplayId => "BR-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string CardTarget => "slack:card:" + DisplayId;

    public string? ExperimentName => Kind == Experiment && BudgetScope.TryParse(BudgetId, out var scope) ? scope.Key : null;

    public static long? ParseDisplayId(string? value) =>
        value is not null && value.StartsWith("BR-", StringComparison.Ordinal)
        && long.TryParse(value.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
}
