namespace BudgetBot.GitHub;

// Events arrive unordered and repeated, so a PR's state only moves forward: an older payload
// (by the PR's updated_at) changes nothing, a closed PR opens again only through `reopened`, and a
// merged PR stays merged.
internal static class PullRequestMerge
{
    public static PullRequest Apply(PullRequest? existing, PullRequest incoming, string action)
    {
        if (existing is null)
        {
            return incoming.Merged ? incoming with { State = "closed" } : incoming;
        }
        var merged = existing.Merged || incoming.Merged;
        var installation = incoming.InstallationId ?? existing.InstallationId;
        if (incoming.UpdatedAtMs < existing.UpdatedAtMs)
        {
            return existing with
            {
                Merged = merged,
                MergedAtMs = existing.MergedAtMs ?? incoming.MergedAtMs,
                State = merged ? "closed" : existing.State,
                InstallationId = installation,
            };
        }
        var state = incoming.State;
        if (existing.State == "closed" && state == "open" && action != "reopened")
        {
            state = "closed";
        }
        return incoming with
        {
            Merged = merged,
            MergedAtMs = incoming.MergedAtMs ?? existing.MergedAtMs,
            State = merged ? "closed" : state,
            InstallationId = installation,
        };
    }

    // Why the PR's comment or check may need refreshing, or null when nothing it shows moved.
    public static string? Reason(PullRequest? before, PullRequest after)
    {
        if (before is null)
        {
            return "opened";
        }
        if (before.HeadSha != after.HeadSha)
        {
            return "head-sha";
        }
        return before.State != after.State || before.Merged != after.Merged ? "state" : null;
    }
}
