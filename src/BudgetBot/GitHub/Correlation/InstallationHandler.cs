using BudgetBot.Storage;
using Dapper;
using Octokit.Webhooks.Events;

namespace BudgetBot.GitHub;

// installation and installation_repositories → which repositories we serve, under which installation.
// These events carry no updated_at per repository, so the last one processed wins.
internal sealed class InstallationHandler(Database db, TimeProvider clock, InstallationTokens tokens)
{
    internal static readonly SqlStatement UpsertInstallation = new(
        "Installations.Upsert",
        "INSERT INTO github_installations (installation_id, account, state, updated_at_ms) VALUES (@Id, @Account, @State, @Now) " +
        "ON CONFLICT (installation_id) DO UPDATE SET account = excluded.account, state = excluded.state, updated_at_ms = excluded.updated_at_ms;",
        "UPDATE github_installations WITH (UPDLOCK, HOLDLOCK) SET account = @Account, state = @State, updated_at_ms = @Now " +
        "WHERE installation_id = @Id; IF @@ROWCOUNT = 0 INSERT INTO github_installations (installation_id, account, state, updated_at_ms) " +
        "VALUES (@Id, @Account, @State, @Now);");

    internal static readonly SqlStatement UpsertRepository = new(
        "Installations.UpsertRepository",
        "INSERT INTO github_repositories (repo, installation_id, active, updated_at_ms) VALUES (@Repo, @Id, @Active, @Now) " +
        "ON CONFLICT (repo) DO UPDATE SET installation_id = excluded.installation_id, active = excluded.active, updated_at_ms = excluded.updated_at_ms;",
        "UPDATE github_repositories WITH (UPDLOCK, HOLDLOCK) SET installation_id = @Id, active = @Active, updated_at_ms = @Now " +
        "WHERE repo = @Repo; IF @@ROWCOUNT = 0 INSERT INTO github_repositories (repo, installation_id, active, updated_at_ms) " +
        "VALUES (@Repo, @Id, @Active, @Now);");

    internal static readonly SqlStatement DeactivateAll = new(
        "Installations.DeactivateRepositories",
        "UPDATE github_repositories SET active = 0, updated_at_ms = @Now WHERE installation_id = @Id;");

    public Task HandleInstallationAsync(InstallationEvent e, string action, CancellationToken ct)
    {
        var state = action switch
        {
            "deleted" => "deleted",
            "suspend" => "suspended",
            _ => "active",
        };
        if (state != "active")
        {
            // A deleted or suspended installation's cached token must not be used again.
            tokens.Forget(e.Installation.Id);
        }
        var repos = (e.Repositories ?? []).Select(r => r.FullName);
        return WriteAsync(e.Installation.Id, e.Installation.Account?.Login, state, state == "active" ? repos : [], [], state == "deleted", ct);
    }

    public Task HandleRepositoriesAsync(InstallationRepositoriesEvent e, CancellationToken ct) =>
        WriteAsync(e.Installation.Id, e.Installation.Account?.Login, "active",
            (e.RepositoriesAdded ?? []).Select(r => r.FullName), (e.RepositoriesRemoved ?? []).Select(r => r.FullName), false, ct);

    private Task WriteAsync(long id, string? account, string state, IEnumerable<string> added, IEnumerable<string> removed, bool dropAll, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(db.Sql(UpsertInstallation), new { Id = id, Account = account, State = state, Now = now }, tx);
            if (dropAll)
            {
                await c.ExecuteAsync(db.Sql(DeactivateAll), new { Id = id, Now = now }, tx);
            }
            foreach (var (repo, active) in added.Select(r => (r, 1L)).Concat(removed.Select(r => (r, 0L))))
            {
                await c.ExecuteAsync(db.Sql(UpsertRepository), new { Repo = repo.ToLowerInvariant(), Id = id, Active = active, Now = now }, tx);
            }
        }, ct);
    }
}
