namespace BudgetBot.Policy;

// What happens when a budget runs out (DESIGN §1): only Hard lets pre-flight deny a run.
internal enum Enforcement
{
    Advisory,
    Soft,
    Hard,
}
