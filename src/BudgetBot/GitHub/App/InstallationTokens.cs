using System.Collections.Concurrent;

namespace BudgetBot.GitHub;

// Installation access tokens (1 hour), cached per installation and refreshed 5 minutes early; one
// refresh at a time per installation, so a burst of senders makes one token request. Forget drops
// a token on uninstall, suspension or a 401.
internal sealed partial class InstallationTokens(GitHubHttp http, GitHubAppCredentials app, TimeProvider clock, ILogger<InstallationTokens> logger)
{
    private static readonly TimeSpan RefreshEarly = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, (string Token, DateTimeOffset ExpiresAt)> cache = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> locks = new();

    public async Task<(string? Token, GitHubResponse? Failure)> GetAsync(long installationId, CancellationToken ct)
    {
        if (Fresh(installationId) is { } cached)
        {
            return (cached, null);
        }
        var gate = locks.GetOrAdd(installationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(installationId) is { } again)
            {
                return (again, null);
            }
            var r = await http.SendAsync(HttpMethod.Post, http.Url($"app/installations/{installationId}/access_tokens"), app.Jwt(), null, ct);
            if (!r.IsSuccess)
            {
                LogTokenFailed(logger, installationId, r.Status);
                return (null, r);
            }
            var token = r.Body.GetProperty("token").GetString()!;
            var expires = r.Body.GetProperty("expires_at").GetDateTimeOffset();
            cache[installationId] = (token, expires);
            LogTokenIssued(logger, installationId, expires);
            return (token, null);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Forget(long installationId)
    {
        if (cache.TryRemove(installationId, out _))
        {
            LogForgotten(logger, installationId);
        }
    }

    private string? Fresh(long installationId) =>
        cache.TryGetValue(installationId, out var t) && t.ExpiresAt - clock.GetUtcNow() > RefreshEarly ? t.Token : null;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Installation token for {InstallationId} issued, expires {ExpiresAt}")]
    private static partial void LogTokenIssued(ILogger logger, long installationId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Installation token for {InstallationId} refused with {Status}")]
    private static partial void LogTokenFailed(ILogger logger, long installationId, int status);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Installation token for {InstallationId} dropped")]
    private static partial void LogForgotten(ILogger logger, long installationId);
}
