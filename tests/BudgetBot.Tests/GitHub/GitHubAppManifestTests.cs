using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

// infra/github/app-manifest.json subscribes to every event the webhook processor handles (those
// GitHub sends every App anyway aside) and asks for the permissions the outbound calls need.
public sealed partial class GitHubAppManifestTests
{
    private static readonly string[] SentWithoutSubscription = ["installation", "installation_repositories", "ping"];

    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "github", "app-manifest.json"))).RootElement;

    [Fact]
    public void TheManifest_SubscribesToEveryEventTheProcessorHandles()
    {
        var handled = typeof(GitHubWebhookProcessor).GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Select(m => ProcessMethod().Match(m.Name)).Where(m => m.Success)
            .Select(m => SnakeCase().Replace(m.Groups["event"].Value, "_$1").ToLowerInvariant()).Distinct().Order().ToList();
        var events = Manifest().GetProperty("default_events").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Contains("issue_comment", handled);
        Assert.Contains("check_run", handled);
        Assert.Empty(handled.Except(events).Except(SentWithoutSubscription));
    }

    [Theory]
    [InlineData("issues", "write")]
    [InlineData("pull_requests", "write")]
    [InlineData("checks", "write")]
    [InlineData("actions", "read")]
    public void TheManifest_AsksFor(string permission, string level) =>
        Assert.Equal(level, Manifest().GetProperty("default_permissions").GetProperty(permission).GetString());

    [GeneratedRegex("^Process(?<event>[A-Za-z]+)WebhookAsync$")]
    private static partial Regex ProcessMethod();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex SnakeCase();
}
