using System.Security.Cryptography;
using System.Text;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Auth;

// API tokens are random, shown once, and stored only as their SHA-256 hash. Every request looks its
// token up here (no cache), so a token revoked on one instance is refused by all of them at once.
internal sealed class ApiTokenStore(Database db, TimeProvider clock)
{
    private static readonly SqlStatement Insert = new(
        "Tokens.Insert",
        "INSERT INTO api_tokens (name, token_hash, scopes, created_at_ms) VALUES (@Name, @Hash, @Scopes, @Now);");

    private static readonly SqlStatement FindByHash = new(
        "Tokens.FindByHash",
        "SELECT name AS Name, scopes AS Scopes FROM api_tokens WHERE token_hash = @Hash AND revoked_at_ms IS NULL;");

    private static readonly SqlStatement ListAll = new(
        "Tokens.List",
        "SELECT id AS Id, name AS Name, scopes AS Scopes, created_at_ms AS CreatedAtMs, revoked_at_ms AS RevokedAtMs FROM api_tokens ORDER BY id;");

    // By name, or by id when no active token has that name.
    private static readonly SqlStatement RevokeOne = new(
        "Tokens.Revoke",
        """
        UPDATE api_tokens SET revoked_at_ms = @Now
        WHERE revoked_at_ms IS NULL
          AND (name = @Key OR (id = @Id AND NOT EXISTS (SELECT 1 FROM api_tokens n WHERE n.name = @Key AND n.revoked_at_ms IS NULL)));
        """);

    public async Task<string> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken ct = default) =>
        await TryCreateAsync(name, scopes, ct) ?? throw new InvalidOperationException($"An active token named '{name}' exists already.");

    // Null when an active token already has this name (the unique index on active names says so).
    public async Task<string?> TryCreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        var unknown = Scopes.Unknown(scopes);
        if (string.IsNullOrWhiteSpace(name) || scopes.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"A token needs a name and scopes from {string.Join(", ", Scopes.All)}; unknown: {string.Join(", ", unknown)}");
        }
        var token = "bb_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        try
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Insert),
                new { Name = name, Hash = Hash(token), Scopes = string.Join(',', scopes), Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx), ct);
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            return null;
        }
        return token;
    }

    public async Task<TokenIdentity?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Name, string Scopes)?>(db.Sql(FindByHash), new { Hash = Hash(token) });
        return row is null ? null : new TokenIdentity(row.Value.Name, row.Value.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<IReadOnlyList<TokenRow>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TokenRow>(new CommandDefinition(db.Sql(ListAll), cancellationToken: ct))).ToList();
    }

    // True when an active token was revoked.
    public async Task<bool> RevokeAsync(string nameOrId, CancellationToken ct = default)
    {
        var id = long.TryParse(nameOrId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        var changed = await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(RevokeOne),
            new { Key = nameOrId, Id = id, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx), ct);
        return changed > 0;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed record TokenIdentity(string Name, IReadOnlyList<string> Scopes);

internal sealed record TokenRow(long Id, string Name, string Scopes, long CreatedAtMs, long? RevokedAtMs);
