using BudgetBot.GitHub;

namespace BudgetBot.Tests.GitHub;

// Events arrive unordered and repeated: a PR's state only moves forward. Each row is one delivery
// applied to what is stored ("-" when nothing is): state/merged/updated_at before and after.
public sealed class PullRequestMergeTests
{
    [Theory]
    [InlineData("first sight of an open PR", "-", 0, 0, "open", 0, 1, "opened", "open", 0)]
    [InlineData("first sight of a merged PR is closed", "-", 0, 0, "open", 1, 1, "closed", "closed", 1)]
    [InlineData("a newer close closes", "open", 0, 1, "closed", 0, 2, "closed", "closed", 0)]
    [InlineData("a close at the same instant closes", "open", 0, 1, "closed", 0, 1, "closed", "closed", 0)]
    [InlineData("an older close changes nothing", "open", 0, 2, "closed", 0, 1, "closed", "open", 0)]
    [InlineData("an older open after a close changes nothing", "closed", 0, 2, "open", 0, 1, "synchronize", "closed", 0)]
    [InlineData("a newer open reopens only through reopened", "closed", 0, 1, "open", 0, 2, "synchronize", "closed", 0)]
    [InlineData("reopened reopens", "closed", 0, 1, "open", 0, 2, "reopened", "open", 0)]
    [InlineData("a merged PR stays merged and closed, even when reopened", "closed", 1, 1, "open", 0, 2, "reopened", "closed", 1)]
    [InlineData("an older payload that says merged still merges", "open", 0, 2, "closed", 1, 1, "closed", "closed", 1)]
    [InlineData("a newer edit of a merged PR keeps it merged", "closed", 1, 1, "closed", 0, 2, "edited", "closed", 1)]
    public void Apply_MovesStateOnlyForward(
        string why, string before, long beforeMerged, long beforeAt, string incoming, long incomingMerged, long incomingAt, string action,
        string expectedState, long expectedMerged)
    {
        var existing = before == "-" ? null : Row(before, beforeMerged, beforeAt);

        var result = PullRequestMerge.Apply(existing, Row(incoming, incomingMerged, incomingAt), action);

        Assert.True((expectedState, expectedMerged != 0) == (result.State, result.Merged), $"{why}: got {result.State}/{result.Merged}");
    }

    [Theory]
    [InlineData("an older payload fills a missing merge time", 2, null, 1, 500L, 500L)]
    [InlineData("a newer payload without a merge time keeps the stored one", 1, 500L, 2, null, 500L)]
    [InlineData("a newer payload's merge time wins", 1, 500L, 2, 700L, 700L)]
    [InlineData("an older payload's merge time loses", 2, 500L, 1, 700L, 500L)]
    public void Apply_KeepsAKnownMergeTime(string why, long beforeAt, long? beforeMergedAt, long incomingAt, long? incomingMergedAt, long expected)
    {
        var existing = Row("closed", 1, beforeAt) with { MergedAtMs = beforeMergedAt };

        var result = PullRequestMerge.Apply(existing, Row("closed", 1, incomingAt) with { MergedAtMs = incomingMergedAt }, "closed");

        Assert.True(expected == result.MergedAtMs, $"{why}: got {result.MergedAtMs}");
    }

    [Theory]
    [InlineData(7L, null, 1, 2, 7L)]
    [InlineData(7L, null, 2, 1, 7L)]
    [InlineData(7L, 9L, 1, 2, 9L)]
    [InlineData(7L, 9L, 2, 1, 9L)]
    [InlineData(null, 9L, 2, 1, 9L)]
    public void Apply_TakesTheInstallationFromWhicheverPayloadHasOne(long? stored, long? incoming, long beforeAt, long incomingAt, long expected)
    {
        var result = PullRequestMerge.Apply(
            Row("open", 0, beforeAt) with { InstallationId = stored }, Row("open", 0, incomingAt) with { InstallationId = incoming }, "edited");

        Assert.Equal(expected, result.InstallationId);
    }

    [Theory]
    [InlineData("first sight", "-", "a1", "open", 0, "a1", "open", 0, "opened")]
    [InlineData("a new head commit", "open", "a1", "open", 0, "b2", "open", 0, "head-sha")]
    [InlineData("a new head commit while closing", "open", "a1", "closed", 0, "b2", "closed", 0, "head-sha")]
    [InlineData("closed", "open", "a1", "open", 0, "a1", "closed", 0, "state")]
    [InlineData("merged", "closed", "a1", "closed", 0, "a1", "closed", 1, "state")]
    [InlineData("nothing the comment shows moved", "open", "a1", "open", 0, "a1", "open", 0, null)]
    public void Reason_SaysWhyTheCommentMayNeedRefreshing(
        string why, string before, string beforeSha, string beforeState, long beforeMerged, string afterSha, string afterState, long afterMerged,
        string? expected)
    {
        var previous = before == "-" ? null : Row(beforeState, beforeMerged, 1) with { HeadSha = beforeSha };
        var after = Row(afterState, afterMerged, 2) with { HeadSha = afterSha, Title = "retitled" };

        var reason = PullRequestMerge.Reason(previous, after);

        Assert.True(expected == reason, $"{why}: got {reason ?? "null"}");
    }

    private static PullRequest Row(string state, long merged, long updatedAtMs) =>
        new("acme/api", 42, 7, "a1", "feature", "acme/api", "main", state, merged != 0, null, "Add reviewer", "octocat", updatedAtMs);
}
