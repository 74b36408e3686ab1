using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// The App's private key, read once, and its JWT, reused for 8 of its 9 minutes.
internal sealed class GitHubAppCredentials(IOptions<GitHubOptions> options, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(8);
    private readonly Lock gate = new();
    private RSA? key;
    private (string Jwt, DateTimeOffset Made)? current;

    public string Jwt()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (current is { } c && now - c.Made < Reuse && now >= c.Made)
            {
                return c.Jwt;
            }
            key ??= Load(options.Value);
            var jwt = GitHubAppJwt.Create(key, options.Value.AppId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
            current = (jwt, now);
            return jwt;
        }
    }

    public void Dispose() => key?.Dispose();

    private static RSA Load(GitHubOptions o)
    {
        var pem = !string.IsNullOrEmpty(o.PrivateKey) ? o.PrivateKey : File.ReadAllText(o.PrivateKeyPath!);
        // Environment variables often carry the PEM with literal \n sequences.
        pem = pem.Replace("\\n", "\n", StringComparison.Ordinal);
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}
