using System.Globalization;
using BudgetBot.Storage;

namespace BudgetBot.Auth;

// `budgetbot tokens create|list|revoke`: straight into the database, no running service needed.
internal static class TokensCommand
{
    public const string Usage = "usage: tokens create --name NAME --scopes ingest,read,admin | tokens list | tokens revoke NAME|ID";

    public static async Task<int> CreateAsync(string? name, string? scopeList, string[] configArgs, TextWriter stdout, TextWriter stderr)
    {
        var scopes = scopeList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (string.IsNullOrWhiteSpace(name) || scopes.Length == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        if (Scopes.Unknown(scopes) is { Count: > 0 } unknown)
        {
            await stderr.WriteLineAsync($"unknown scope(s): {string.Join(", ", unknown)}; a token's scopes are {string.Join(", ", Scopes.All)} (admin implies the others)");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        await using var app = await OpenAsync(configArgs);
        var token = await app.Services.GetRequiredService<ApiTokenStore>().TryCreateAsync(name, scopes);
        if (token is null)
        {
            await stderr.WriteLineAsync($"an active token named '{name}' exists already; choose another name or revoke it first (tokens revoke {name})");
            return 1;
        }
        await stdout.WriteLineAsync($"Created token '{name}' with scopes {string.Join(',', scopes)}. It is shown once; only its hash is stored.");
        await stdout.WriteLineAsync(token);
        return 0;
    }

    public static async Task<int> ListAsync(string[] configArgs, TextWriter stdout)
    {
        await using var app = await OpenAsync(configArgs);
        var rows = await app.Services.GetRequiredService<ApiTokenStore>().ListAsync();
        await stdout.WriteLineAsync($"{"id",-6} {"name",-24} {"scopes",-20} {"created (UTC)",-17} revoked (UTC)");
        foreach (var t in rows)
        {
            await stdout.WriteLineAsync($"{t.Id,-6} {t.Name,-24} {t.Scopes,-20} {Time(t.CreatedAtMs),-17} {(t.RevokedAtMs is { } r ? Time(r) : "-")}");
        }
        return 0;
    }

    public static async Task<int> RevokeAsync(string nameOrId, string[] configArgs, TextWriter stdout, TextWriter stderr)
    {
        await using var app = await OpenAsync(configArgs);
        if (!await app.Services.GetRequiredService<ApiTokenStore>().RevokeAsync(nameOrId))
        {
            await stderr.WriteLineAsync($"no active token named or numbered '{nameOrId}' (tokens list shows them)");
            return 1;
        }
        await stdout.WriteLineAsync($"revoked token '{nameOrId}': every instance refuses it from its next request");
        return 0;
    }

    private static async Task<WebApplication> OpenAsync(string[] configArgs)
    {
        var app = Program.BuildApp(configArgs);
        try
        {
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static string Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
