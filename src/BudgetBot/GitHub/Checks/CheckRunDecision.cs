using System.Security.Cryptography;
using System.Text;
using BudgetBot.Budgets;
using static BudgetBot.GitHub.Markdown;

namespace BudgetBot.GitHub;

// What the "BudgetBot / budget" check says (DESIGN §9): failure when a hard budget has nothing left
// (remaining already counts approved grants), neutral when a soft budget is past a threshold or a
// hard one is past a threshold but not exhausted, success otherwise. Advisory budgets only report.
internal sealed record CheckRunDecision(string Conclusion, string Title, string Summary)
{
    public const string Name = "BudgetBot / budget";

    // The check's "Request more budget" button (GitHub: label ≤ 20, identifier ≤ 20, description ≤ 40).
    public const string RequestBudgetAction = "request_budget";
    public const string RequestBudgetLabel = "Request more budget";

    public bool Blocks => Conclusion is "failure" or "neutral";

    // The budget a "Request more budget" press asks for: the first exhausted hard budget, else the
    // first one past a threshold (the ones the title names).
    public static BudgetStatus? Blocking(IReadOnlyList<BudgetStatus> budgets) =>
        Exhausted(budgets).FirstOrDefault() ?? Warned(budgets).FirstOrDefault();

    public static CheckRunDecision Decide(IReadOnlyList<BudgetStatus> budgets)
    {
        var exhausted = Exhausted(budgets).ToList();
        var warned = Warned(budgets).Except(exhausted).ToList();
        var summary = Describe(budgets);
        if (exhausted.Count > 0)
        {
            return new CheckRunDecision("failure", $"Hard budget {Names(exhausted)} exhausted", summary);
        }
        if (warned.Count > 0)
        {
            return new CheckRunDecision("neutral", $"Budget {Names(warned)} past a threshold", summary);
        }
        return new CheckRunDecision("success", budgets.Count == 0 ? "No budget covers this PR" : "Within budget", summary);
    }

    // The check is refreshed only when its verdict changes, not on every cent: the comment carries the
    // running figures.
    public string Hash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Conclusion + "\n" + Title))).ToLowerInvariant();

    private static IEnumerable<BudgetStatus> Exhausted(IEnumerable<BudgetStatus> budgets) =>
        budgets.Where(b => b.Enforcement == Enforcement.Hard && b.RemainingUsd <= 0);

    private static IEnumerable<BudgetStatus> Warned(IEnumerable<BudgetStatus> budgets) =>
        budgets.Where(b => b.Enforcement is Enforcement.Soft or Enforcement.Hard && b.State != BudgetState.Ok);

    private static string Names(List<BudgetStatus> budgets) => string.Join(", ", budgets.Select(b => b.Id));

    private static string Describe(IReadOnlyList<BudgetStatus> budgets)
    {
        var b = new StringBuilder();
        foreach (var x in budgets)
        {
            b.Append("- ").Append(Code(x.Id)).Append(" (").Append(x.Enforcement.ToText()).Append(", ").Append(Cell(x.Scope.ToString())).Append("): ")
                .Append(Number(x.PercentUsed)).Append("% of ").Append(Usd(x.LimitUsd + x.GrantedUsd)).Append(" used, ")
                .Append(Usd(x.RemainingUsd)).Append(" left, ").Append(x.State.ToText()).Append(", resets ").Append(When(x.ResetsAt)).Append('\n');
        }
        return b.Length == 0 ? "No budget covers this PR." : b.ToString();
    }
}
