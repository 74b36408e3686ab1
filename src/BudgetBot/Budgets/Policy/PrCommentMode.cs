namespace BudgetBot.Budgets;

// How the sticky PR comment is refreshed; spelled update | hide-and-new | new | off in the file.
internal enum PrCommentMode
{
    Update,
    HideAndNew,
    New,
    Off,
}
