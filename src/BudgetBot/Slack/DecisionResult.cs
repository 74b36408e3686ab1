namespace BudgetBot.Slack;

internal enum DecisionOutcome
{
    Decided,
    AlreadyDecided,
    OwnRequest,
    NotApprover,
    NotFound,
}

// What a click or a modal submission came to; Message is what the clicker is told when refused.
internal sealed record DecisionResult(DecisionOutcome Outcome, BudgetRequestRow? Request, string Message);
