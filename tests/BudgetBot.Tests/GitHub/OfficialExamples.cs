using System.Text.Json.Nodes;

namespace BudgetBot.Tests.GitHub;

// The official example payloads of the events BudgetBot handles (@octokit/webhooks-examples, copied
// into Fixtures/github-examples with their licence and provenance).
internal static class OfficialExamples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "github-examples");

    // Every example file name, e.g. "workflow_run.0.completed.json".
    public static IReadOnlyList<string> All() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    public static string EventOf(string file) => file[..file.IndexOf('.', StringComparison.Ordinal)];

    public static string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));

    public static JsonObject Node(string file) => JsonNode.Parse(Read(file))!.AsObject();
}
