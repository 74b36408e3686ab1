using System.Security.Cryptography;
using System.Text;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Auth;

// API tokens are random, shown once, and stored only as their SHA-256 hash.
internal sealed class ApiTokenStore(Database db, TimeProvider clock)
{
    private static readonly SqlStatement Insert = new(
        "Tokens.Insert",
        "INSERT INTO api_tokens (name, token_hash, scopes, created_at_ms) VALUES (@Name, @Hash, @Scopes, @Now);");

    private static readonly SqlStatement FindByHash = new(
        "Tokens.FindByHash",
        "SELECT name AS Name, scopes AS Scopes FROM api_tokens WHERE token_hash = @Hash AND revoked_at_ms IS NULL;");

    public async Task<string> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        var unknown = scopes.Where(s => !Scopes.All.Contains(s)).ToList();
        if (string.IsNullOrWhiteSpace(name) || scopes.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"A token needs a name and scopes from {string.Join(", ", Scopes.All)}; unknown: {string.Join(", ", unknown)}");
        }
        var token = "bb_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Insert),
            new { Name = name, Hash = Hash(token), Scopes = string.Join(',', scopes), Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx), ct);
        return token;
    }

    public async Task<TokenIdentity?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Name, string Scopes)?>(db.Sql(FindByHash), new { Hash = Hash(token) });
        return row is null ? null : new TokenIdentity(row.Value.Name, row.Value.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed record TokenIdentity(string Name, IReadOnlyList<string> Scopes);
