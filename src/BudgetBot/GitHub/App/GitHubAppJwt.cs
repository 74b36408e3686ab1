using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.GitHub;

// The App's RS256 JSON Web Token (docs/reference/github.md §4): issued 60 s in the past against clock
// drift, expiring 9 minutes on (GitHub's ceiling is 10).
internal static class GitHubAppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(RSA key, string issuer, DateTimeOffset now)
    {
        var iat = (now - Backdate).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var exp = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = Encode("""{"alg":"RS256","typ":"JWT"}""");
        var claims = Encode($$"""{"iat":{{iat}},"exp":{{exp}},"iss":"{{issuer}}"}""");
        var signed = header + "." + claims;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
