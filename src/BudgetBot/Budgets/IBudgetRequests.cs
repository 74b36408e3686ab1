using System.Data.Common;

namespace BudgetBot.Budgets;

// Opens a budget request from outside Slack (a PR comment, a check run's button). Slack's request
// flow implements it; GitHub calls it. Owned here so GitHub depends on Budgets, not on Slack
// (docs/decisions/pr-comment-commands.md). It joins the caller's transaction, so whatever the caller
// records about the request (which PR asked) commits with the request and its card.
internal interface IBudgetRequests
{
    Task<RequestFiling> FileAsync(DbConnection c, DbTransaction tx, RequestAsk ask, CancellationToken ct);
}

// Budget: "for <budget>" as typed (a budget id or a team id), else null for the team's budget.
// Team: the team owning the repository, whose budget and Slack channel are the defaults.
// Requester: a Slack user id, or GitHubRequester(login) for a GitHub user the policy does not map.
internal sealed record RequestAsk(decimal AmountUsd, string? Budget, string Team, string Reason, string Requester)
{
    public const string GitHubPrefix = "github:";

    public static string GitHubRequester(string login) => GitHubPrefix + login;

    public static string? GitHubLoginOf(string requester) =>
        requester.StartsWith(GitHubPrefix, StringComparison.Ordinal) ? requester[GitHubPrefix.Length..] : null;
}

internal enum RequestFilingOutcome
{
    Filed,
    UnknownBudget,
    NoTeamBudget,
    NoChannel,
    NobodyToApprove,
}

// What happened; Id, DisplayId and CardChannel are set when Filed. Budgets lists the policy's budget
// ids, for a reply that names what exists.
internal sealed record RequestFiling(
    RequestFilingOutcome Outcome,
    long Id,
    string DisplayId,
    string BudgetId,
    IReadOnlyList<string> Approvers,
    string? CardChannel,
    IReadOnlyList<string> Budgets);
