namespace BudgetBot.GitHub;

// A PR an event touched. Changed says whether its attribution, head SHA or state really moved;
// a delivery that failed before re-announces every PR it touches, since an earlier attempt may have failed
// after its commit but before its announcements.
internal sealed record PullRequestChange(string Repo, int Number, string Reason, bool Changed);
