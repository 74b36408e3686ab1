using System.Text.Json.Nodes;

namespace BudgetBot.Tests.GitHub;

// Real fixture payloads, edited so that ids, repositories, SHAs and branches tell one coherent story.
internal static class Payloads
{
    public const long RepoId = 1001;

    public static string Fixture(string relative) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github", relative));

    public static IEnumerable<string> AllFixtures() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string PullRequest(
        string action, int number, string headSha, string headRef, string repo = "acme/api", string? headRepo = null,
        string updatedAt = "2026-03-11T10:00:00Z", string state = "open", bool merged = false, string baseRef = "main", string? before = null)
    {
        var root = Node("pull_request/opened.payload.json");
        root["action"] = action;
        if (action == "synchronize")
        {
            root["before"] = before ?? new string('0', 40);
            root["after"] = headSha;
        }
        if (action == "edited")
        {
            root["changes"] = new JsonObject();
        }
        if (action == "labeled")
        {
            root["label"] = Node("pull_request/labeled.payload.json")["label"]!.DeepClone();
        }
        root["number"] = number;
        SetRepository(root, repo);
        var pr = root["pull_request"]!;
        pr["number"] = number;
        pr["state"] = state;
        pr["merged"] = merged;
        pr["merged_at"] = merged ? updatedAt : null;
        pr["closed_at"] = state == "closed" ? updatedAt : null;
        pr["updated_at"] = updatedAt;
        pr["title"] = $"PR {number}";
        pr["head"]!["sha"] = headSha;
        pr["head"]!["ref"] = headRef;
        pr["head"]!["repo"]!["full_name"] = headRepo ?? repo;
        pr["head"]!["repo"]!["id"] = headRepo is null ? RepoId : RepoId + 1;
        pr["base"]!["ref"] = baseRef;
        pr["base"]!["repo"]!["full_name"] = repo;
        pr["base"]!["repo"]!["id"] = RepoId;
        return root.ToJsonString();
    }

    public static string WorkflowRun(
        string action, long runId, string headSha, string headBranch, int[] prs, string repo = "acme/api", string? headRepo = null,
        long attempt = 1, string updatedAt = "2026-03-11T10:05:00Z")
    {
        var root = Node("workflow_run/completed.with-pull-requests.payload.json");
        root["action"] = action;
        SetRepository(root, repo);
        var run = root["workflow_run"]!;
        run["id"] = runId;
        run["run_attempt"] = attempt;
        run["name"] = "claude-review";
        run["event"] = "pull_request";
        run["head_sha"] = headSha;
        run["head_branch"] = headBranch;
        run["status"] = action == "completed" ? "completed" : action == "in_progress" ? "in_progress" : "queued";
        run["conclusion"] = action == "completed" ? "success" : null;
        run["run_started_at"] = "2026-03-11T10:00:00Z";
        run["updated_at"] = updatedAt;
        run["head_repository"]!["full_name"] = headRepo ?? repo;
        var template = run["pull_requests"]![0]!.DeepClone();
        var list = new JsonArray();
        foreach (var number in prs)
        {
            var pr = template.DeepClone();
            pr["number"] = number;
            pr["head"]!["sha"] = headSha;
            pr["head"]!["ref"] = headBranch;
            pr["head"]!["repo"]!["id"] = RepoId;
            pr["base"]!["repo"]!["id"] = RepoId;
            list.Add(pr);
        }
        run["pull_requests"] = list;
        return root.ToJsonString();
    }

    public static JsonNode Node(string relative) => JsonNode.Parse(Fixture(relative))!;

    private static void SetRepository(JsonNode root, string repo)
    {
        root["repository"]!["full_name"] = repo;
        root["repository"]!["name"] = repo.Split('/')[1];
        root["repository"]!["id"] = RepoId;
        root["installation"] = new JsonObject { ["id"] = 77, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=" };
    }
}
