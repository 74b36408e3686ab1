using System.Reflection;
using System.Text.Json;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.Installation;
using Octokit.Webhooks.Events.InstallationRepositories;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.WorkflowJob;
using Octokit.Webhooks.Events.WorkflowRun;

namespace BudgetBot.GitHub;

// What a stored delivery must hold before a handler may see it, read from the raw JSON so that no
// field BudgetBot does not use decides anything. A delivery missing what BudgetBot needs can never
// succeed: it ends at once (unparsed or ignored) instead of being retried toward poison.
internal static class DeliveryShape
{
    // The actions the library's typed models know, per handled event; another action of a handled
    // event is ignored (GitHub adds actions; the library refuses to convert those).
    private static readonly Dictionary<string, HashSet<string>> KnownActions = new(StringComparer.Ordinal)
    {
        ["pull_request"] = Constants(typeof(PullRequestActionValue)),
        ["workflow_run"] = Constants(typeof(WorkflowRunActionValue)),
        ["workflow_job"] = Constants(typeof(WorkflowJobActionValue)),
        ["installation"] = Constants(typeof(InstallationActionValue)),
        ["installation_repositories"] = Constants(typeof(InstallationRepositoriesActionValue)),
        ["issue_comment"] = Constants(typeof(IssueCommentActionValue)),
        ["check_run"] = Constants(typeof(CheckRunActionValue)),
    };

    // "action X of E is not handled" when the event is handled but its action is not.
    public static string? UnhandledAction(string eventName, string? action) =>
        action is not null && KnownActions.TryGetValue(eventName, out var known) && !known.Contains(action)
            ? $"action {action} of {eventName} is not handled"
            : null;

    // Every missing or null field BudgetBot needs, or null when the delivery has them all.
    public static string? Missing(string eventName, JsonElement root)
    {
        var missing = new List<string>();
        void Need(JsonElement at, string path, JsonValueKind kind)
        {
            var current = at;
            foreach (var part in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                {
                    missing.Add(path);
                    return;
                }
            }
            if (current.ValueKind != kind)
            {
                missing.Add(path);
            }
        }
        switch (eventName)
        {
            case "pull_request":
                Need(root, "repository", JsonValueKind.Object);
                Need(root, "number", JsonValueKind.Number);
                Need(root, "pull_request.head.sha", JsonValueKind.String);
                Need(root, "pull_request.head.ref", JsonValueKind.String);
                Need(root, "pull_request.base.ref", JsonValueKind.String);
                break;
            case "workflow_run":
                Need(root, "repository", JsonValueKind.Object);
                Need(root, "workflow_run.head_sha", JsonValueKind.String);
                if (root.TryGetProperty("workflow_run", out var run) && run.ValueKind == JsonValueKind.Object
                    && run.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var pr in prs.EnumerateArray())
                    {
                        var before = missing.Count;
                        Need(pr, "base.repo", JsonValueKind.Object);
                        if (missing.Count > before)
                        {
                            missing[^1] = $"workflow_run.pull_requests[{i}].base.repo";
                        }
                        i++;
                    }
                }
                break;
            case "workflow_job":
                Need(root, "repository", JsonValueKind.Object);
                Need(root, "workflow_job", JsonValueKind.Object);
                break;
            default:
                break;
        }
        return missing.Count == 0 ? null : $"{eventName} delivery lacks {string.Join(", ", missing)} (missing or null)";
    }

    private static HashSet<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)?.ToString())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
