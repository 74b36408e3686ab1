using System.Text;
using BudgetBot.Budgets;
using static BudgetBot.GitHub.Markdown;

namespace BudgetBot.GitHub;

// The budget parts of the comment: one warning line per budget past a threshold, and the table of
// every budget the PR draws on.
internal static class PrBudgetLines
{
    public static IEnumerable<string> Warnings(IReadOnlyList<BudgetStatus> budgets)
    {
        foreach (var x in budgets)
        {
            var available = Usd(x.LimitUsd + x.GrantedUsd);
            if (x.State == BudgetState.Exceeded)
            {
                var consequence = x.Enforcement == Enforcement.Hard ? " New agent runs are refused until a grant is approved or the budget resets." : "";
                yield return $":no_entry: **Budget {Code(x.Id)} is exhausted:** {Usd(x.SpentUsd)} spent of {available}, resets {When(x.ResetsAt)}.{consequence}";
            }
            else if (x.State == BudgetState.Warning)
            {
                var passed = x.Thresholds.Where(t => t <= x.PercentUsed).DefaultIfEmpty(0).Max();
                yield return $":warning: **Budget {Code(x.Id)} is past its {passed}% threshold:** {Number(x.PercentUsed)}% of {available} used, resets {When(x.ResetsAt)}.";
            }
        }
    }

    public static void Table(StringBuilder b, IReadOnlyList<BudgetStatus> budgets)
    {
        if (budgets.Count == 0)
        {
            b.Append("No budget covers this PR.\n\n");
            return;
        }
        b.Append("| Budget | Scope | Used | Remaining | Resets |\n|---|---|---:|---:|---|\n");
        foreach (var x in budgets)
        {
            b.Append("| ").Append(Cell(x.Id)).Append(" (").Append(x.Enforcement.ToText()).Append(") | ").Append(Cell(x.Scope.ToString())).Append(" | ")
                .Append(Number(x.PercentUsed)).Append("% of ").Append(Usd(x.LimitUsd + x.GrantedUsd)).Append(" | ")
                .Append(Usd(x.RemainingUsd)).Append(" | ").Append(When(x.ResetsAt)).Append(" |\n");
        }
        b.Append('\n');
    }
}
