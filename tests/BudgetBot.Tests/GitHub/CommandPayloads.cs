using System.Text.Json.Nodes;

namespace BudgetBot.Tests.GitHub;

// issue_comment and check_run deliveries built from the real fixtures, edited to tell the story of
// acme/api#42: who comments (login, account type, author_association), what, and on a PR or an issue.
internal static class CommandPayloads
{
    public static string Comment(
        string body, string login = "octocat", string association = "MEMBER", long commentId = 5001, string action = "created",
        string userType = "User", bool onPullRequest = true, string repo = "acme/api", int number = 42)
    {
        var root = Payloads.Node("issue_comment/created.with-installation.payload.json");
        root["action"] = action;
        if (action == "edited")
        {
            root["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = "/budget help" } };
        }
        Repository(root, repo);
        var issue = root["issue"]!;
        issue["number"] = number;
        issue["html_url"] = $"https://github.com/{repo}/{(onPullRequest ? "pull" : "issues")}/{number}";
        if (onPullRequest)
        {
            issue["pull_request"] = new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{repo}/pulls/{number}",
                ["html_url"] = $"https://github.com/{repo}/pull/{number}",
                ["diff_url"] = $"https://github.com/{repo}/pull/{number}.diff",
                ["patch_url"] = $"https://github.com/{repo}/pull/{number}.patch",
                ["merged_at"] = null,
            };
        }
        var comment = root["comment"]!;
        comment["id"] = commentId;
        comment["body"] = body;
        comment["author_association"] = association;
        comment["html_url"] = $"https://github.com/{repo}/pull/{number}#issuecomment-{commentId}";
        User(comment["user"]!, login, userType);
        User(root["sender"]!, login, userType);
        return root.ToJsonString();
    }

    public static string ButtonPress(string login = "octocat", string identifier = "request_budget", int number = 42, string userType = "User")
    {
        var root = Payloads.Node("check_run/requested_action.payload.json");
        Repository(root, "acme/api");
        root["requested_action"] = new JsonObject { ["identifier"] = identifier };
        var run = root["check_run"]!;
        run["id"] = 1001;
        run["name"] = "BudgetBot / budget";
        run["head_sha"] = GitHubHarness.HeadSha;
        run["external_id"] = $"{number}:{GitHubHarness.HeadSha}";
        run["html_url"] = "https://github.com/acme/api/runs/1001";
        var pr = run["pull_requests"]![0]!;
        pr["number"] = number;
        pr["url"] = $"https://api.github.com/repos/acme/api/pulls/{number}";
        pr["head"]!["sha"] = GitHubHarness.HeadSha;
        User(root["sender"]!, login, userType);
        return root.ToJsonString();
    }

    private static void Repository(JsonNode root, string repo)
    {
        root["repository"]!["full_name"] = repo;
        root["repository"]!["name"] = repo.Split('/')[1];
        root["repository"]!["html_url"] = "https://github.com/" + repo;
        root["repository"]!["id"] = Payloads.RepoId;
        root["installation"] = new JsonObject { ["id"] = 77, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=" };
    }

    private static void User(JsonNode user, string login, string type)
    {
        user["login"] = login;
        user["type"] = type;
        user["html_url"] = "https://github.com/" + login.Replace("[bot]", "", StringComparison.Ordinal);
    }
}
