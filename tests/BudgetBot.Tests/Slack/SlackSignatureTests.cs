using System.Text;
using System.Text.Json;
using BudgetBot.Slack;

namespace BudgetBot.Tests.Slack;

// The published vectors (Fixtures/slack/signature-vectors.json) and their negative cases.
public sealed class SlackSignatureTests
{
    private static readonly JsonElement[] Vectors = Load();

    public static TheoryData<int> VectorIndexes => new(0, 1);

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Vector_Verifies_AtItsTimestamp_AndAtTheWindowEdges(int i)
    {
        var (secret, ts, body, signature) = Vector(i);
        foreach (var offset in new[] { 0, 300, -300 })
        {
            Assert.Equal(SlackSignatureResult.Valid, SlackSignature.Verify(secret, ts, signature, body, At(ts, offset)));
        }
        Assert.Equal(signature, SlackSignature.Sign(secret, ts, body));
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Vector_IsStale_OneSecondOutsideTheWindowEitherWay(int i)
    {
        var (secret, ts, body, signature) = Vector(i);
        Assert.Equal(SlackSignatureFailure.Stale, SlackSignature.Verify(secret, ts, signature, body, At(ts, 301)).Failure);
        Assert.Equal(SlackSignatureFailure.Stale, SlackSignature.Verify(secret, ts, signature, body, At(ts, -301)).Failure);
    }

    [Fact]
    public void Vector0_Fails_WithDashesAppendedToTheBody()
    {
        var (secret, ts, body, signature) = Vector(0);
        var tampered = body.Concat(Encoding.ASCII.GetBytes("------")).ToArray();
        Assert.Equal(SlackSignatureFailure.Mismatch, SlackSignature.Verify(secret, ts, signature, tampered, At(ts, 0)).Failure);
    }

    [Fact]
    public void Vector1_Fails_WithAnotherSecret()
    {
        var (_, ts, body, signature) = Vector(1);
        Assert.Equal(SlackSignatureFailure.Mismatch, SlackSignature.Verify("e6b19c573432dcc6b075501d51b51boo", ts, signature, body, At(ts, 0)).Failure);
    }

    [Theory]
    [InlineData(null, "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "NoSecret")]
    [InlineData("", "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "NoSecret")]
    [InlineData("s", null, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "MissingHeaders")]
    [InlineData("s", "1531420618", null, "MissingHeaders")]
    [InlineData("s", "15314x0618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "BadTimestamp")]
    [InlineData("s", "1531420618", "v0=invalid", "BadFormat")]
    [InlineData("s", "1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "BadFormat")]
    [InlineData("s", "1531420618", "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "BadFormat")]
    public void Refuses_MissingOrMalformedParts(string? secret, string? ts, string? signature, string expected)
    {
        var result = SlackSignature.Verify(secret, ts, signature, "body"u8, DateTimeOffset.FromUnixTimeSeconds(1531420618));
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure.ToString());
    }

    private static DateTimeOffset At(string ts, int offset) => DateTimeOffset.FromUnixTimeSeconds(long.Parse(ts, System.Globalization.CultureInfo.InvariantCulture) + offset);

    private static (string Secret, string Ts, byte[] Body, string Signature) Vector(int i) => (
        Vectors[i].GetProperty("secret").GetString()!, Vectors[i].GetProperty("timestamp").GetString()!,
        Encoding.UTF8.GetBytes(Vectors[i].GetProperty("body").GetString()!), Vectors[i].GetProperty("signature").GetString()!);

    private static JsonElement[] Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "slack", "signature-vectors.json")));
        return doc.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToArray();
    }
}
