using System.Collections.Concurrent;

namespace BudgetBot.GitHub;

// Calls made as an installation: the token comes from the cache, a 401 drops it (the next attempt
// gets a fresh one). The installation of a repo comes from the correlation index, else from
// GET /repos/{o}/{r}/installation as the App.
internal sealed class GitHubApi(GitHubHttp http, InstallationTokens tokens, GitHubAppCredentials app, IPullRequestDirectory directory)
{
    private readonly ConcurrentDictionary<string, long> installations = new(StringComparer.OrdinalIgnoreCase);

    public async Task<GitHubResponse> SendAsync(long installationId, HttpMethod method, string path, object? body, CancellationToken ct) =>
        await SendAsync(installationId, method, http.Url(path), body, ct);

    public Task<GitHubResponse> GraphQlAsync(long installationId, string query, object variables, CancellationToken ct) =>
        SendAsync(installationId, HttpMethod.Post, http.GraphQlUri, new { Query = query, Variables = variables }, ct);

    public async Task<(long? Id, GitHubResponse? Failure)> InstallationForAsync(string repo, CancellationToken ct)
    {
        if (installations.TryGetValue(repo, out var known))
        {
            return (known, null);
        }
        if (await directory.InstallationForAsync(repo, ct) is { } id)
        {
            return (id, null);
        }
        var r = await http.SendAsync(HttpMethod.Get, http.Url($"repos/{repo}/installation"), app.Jwt(), null, ct);
        if (!r.IsSuccess)
        {
            return (null, r);
        }
        var found = r.Body.GetProperty("id").GetInt64();
        installations[repo] = found;
        return (found, null);
    }

    private async Task<GitHubResponse> SendAsync(long installationId, HttpMethod method, Uri url, object? body, CancellationToken ct)
    {
        var (token, failure) = await tokens.GetAsync(installationId, ct);
        if (token is null)
        {
            return failure!;
        }
        var r = await http.SendAsync(method, url, token, body, ct);
        if (r.Status == 401)
        {
            tokens.Forget(installationId);
        }
        return r;
    }
}
