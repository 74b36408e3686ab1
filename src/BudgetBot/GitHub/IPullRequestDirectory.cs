namespace BudgetBot.GitHub;

// Read side of the correlation index, for the comment and check-run writers.
internal interface IPullRequestDirectory
{
    Task<PullRequestInfo?> FindAsync(string repo, int number, CancellationToken ct);

    Task<long?> InstallationForAsync(string repo, CancellationToken ct);
}
