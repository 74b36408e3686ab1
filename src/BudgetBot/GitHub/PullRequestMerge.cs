namespace BudgetBot.GitHub;

// Events arrive unordered and repeated, so a PR's state only moves forward: an older payload
// (by the PR's updated_at) changes nothing, a closed PR opens again only through `reopened`, and a
// merged PR stays merged.
internal static class PullRequestMerge
{
    public static PullRequestRow Apply(PullRequestRow? existing, PullRequestRow incoming, string action)
    {
        if (existing is null)
        {
            return incoming.Merged == 1 ? incoming with { State = "closed" } : incoming;
        }
        var merged = existing.Merged == 1 || incoming.Merged == 1 ? 1L : 0L;
        var installation = incoming.InstallationId ?? existing.InstallationId;
        if (incoming.UpdatedAtMs < existing.UpdatedAtMs)
        {
            return existing with
            {
                Merged = merged,
                MergedAtMs = existing.MergedAtMs ?? incoming.MergedAtMs,
                State = merged == 1 ? "closed" : existing.State,
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
            State = merged == 1 ? "closed" : state,
            InstallationId = installation,
        };
    }

    // Why the PR's comment or check may need refreshing, or null when nothing it shows moved.
    public static string? Reason(PullRequestRow? before, PullRequestRow after)
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
