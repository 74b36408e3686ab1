using System.Text.Json;

namespace BudgetBot.GitHub;

// May this login write to the repository (and so ask for budget)? The comment's author_association
// answers the clear cases without a call: OWNER yes; NONE, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR and
// MANNEQUIN no. MEMBER, COLLABORATOR and CONTRIBUTOR say nothing about write access (an org member
// may only read this repository, a collaborator may be read-only), and a button press carries no
// association: those ask GET /repos/{o}/{r}/collaborators/{login}/permission, where admin and write
// (maintain reports write) may. A failed call throws, so the inbox retries the delivery later.
internal sealed class RepoPermissions(GitHubApi api)
{
    public async Task<bool> CanWriteAsync(long? installationId, string repo, string login, string? association, CancellationToken ct)
    {
        switch (association?.ToUpperInvariant())
        {
            case "OWNER":
                return true;
            case "NONE" or "FIRST_TIMER" or "FIRST_TIME_CONTRIBUTOR" or "MANNEQUIN":
                return false;
        }
        var id = installationId ?? (await api.InstallationForAsync(repo, ct)) switch
        {
            ({ } known, _) => known,
            (_, var failure) => throw new InvalidOperationException($"installation lookup for {repo} answered {failure!.Status}"),
        };
        var r = await api.SendAsync(id, HttpMethod.Get, $"repos/{repo}/collaborators/{Uri.EscapeDataString(login)}/permission", null, ct);
        if (r.Status == 404)
        {
            return false;
        }
        if (!r.IsSuccess)
        {
            throw new InvalidOperationException($"collaborator permission of {login} on {repo} answered {r.Status}: {r.Message}");
        }
        return r.Body.ValueKind == JsonValueKind.Object && r.Body.TryGetProperty("permission", out var p)
            && p.GetString() is "admin" or "write";
    }
}
