namespace BudgetBot.GitHub;

// One pull request as the correlation index knows it: a row of pull_requests (DESIGN §8, §9), read
// by the handlers, the comment and check writers and the digest alike. PullRequestChange
// (Outbound/PullRequestRefresh.cs) is not a second PR type: it is a notice that what a PR shows may
// have changed, and why.
internal sealed record PullRequest(
    string Repo,
    int Number,
    long? InstallationId,
    string HeadSha,
    string HeadRef,
    string? HeadRepo,
    string BaseRef,
    string State,
    bool Merged,
    long? MergedAtMs,
    string? Title,
    string? Author,
    long UpdatedAtMs)
{
    // Dapper fills rows through this constructor and the properties, converting as it goes: the
    // dialects return number and merged as Int64, which the positional constructor would refuse.
    private PullRequest()
        : this("", 0, null, "", "", null, "", "", false, null, null, null, 0)
    {
    }
}
