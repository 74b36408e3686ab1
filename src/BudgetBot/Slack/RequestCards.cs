using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;

namespace BudgetBot.Slack;

// The request card and what the people around a request are told, pure: rendered from the request
// row, the budget's status (when it has one) and the approvers. Golden files pin each shape.
internal static class RequestCards
{
    public const string ApproveAction = "budget_approve";
    public const string DenyAction = "budget_deny";

    public static JsonObject Card(BudgetRequestRow r, BudgetStatus? status, IReadOnlyList<string> approvers)
    {
        var blocks = new List<JsonObject>
        {
            Header($"Budget request {r.DisplayId}"),
            Section(Ask(r), $"req_{r.DisplayId}_{r.State}", status is null ? null : Figures(status)),
        };
        if (r.State == BudgetRequestRow.Pending)
        {
            blocks.Add(Context($"{r.DisplayId} · can decide: {(approvers.Count == 0 ? "nobody" : Users(approvers))} · expires {Date(r.ExpiresAtMs)}"));
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = $"req_{r.DisplayId}_act",
                ["elements"] = new JsonArray(
                    Button(ApproveAction, "Approve", r.DisplayId, "primary",
                        Confirm("Approve request?", $"Add *{Usd(r.AmountMicros)}* to *{r.BudgetId}*?", "Approve", "Cancel")),
                    Button(DenyAction, "Deny", r.DisplayId, "danger")),
            });
        }
        else
        {
            blocks.Add(Context(Outcome(r)));
        }
        return Message($"Budget request {r.DisplayId}: +{Usd(r.AmountMicros)} for {r.BudgetId} from {Who(r.Requester)} ({r.State})", blocks);
    }

    public static string Ask(BudgetRequestRow r) => r.Kind == BudgetRequestRow.Experiment
        ? $"*{Who(r.Requester)}* asks for an experiment allowance *{r.ExperimentName}*: *{Usd(r.AmountMicros)}* for *{r.ExperimentDays} days*.\n{Quote(r.Reason)}"
        : $"*{Who(r.Requester)}* asks for *+{Usd(r.AmountMicros)}* on *{r.BudgetId}*.\n{Quote(r.Reason)}";

    // A request from a GitHub user the policy's people/users do not map carries no Slack id: the
    // card names the login and says so (it also gets no DM). Used after "from" or as a subject.
    public static string Who(string requester) => RequestAsk.GitHubLoginOf(requester) is { } login
        ? $"GitHub @{SlackText.Escape(login)} (not mapped to Slack)"
        : $"<@{requester}>";

    public static bool IsSlackUser(string requester) => RequestAsk.GitHubLoginOf(requester) is null;

    public static string Outcome(BudgetRequestRow r) => r.State switch
    {
        "approved" => $"✅ Approved by <@{r.DecidedBy}> · {Date(r.DecidedAtMs ?? 0)}",
        "denied" => $"❌ Denied by <@{r.DecidedBy}> · {Date(r.DecidedAtMs ?? 0)}\n{Quote(r.DecisionNote ?? "")}",
        "expired" => $"⌛ Expired unanswered · {Date(r.ExpiresAtMs)}",
        _ => r.State,
    };

    // What the requester is told when it is decided (a DM).
    public static JsonObject RequesterNotice(BudgetRequestRow r, BudgetStatus? after)
    {
        var what = $"Your request {r.DisplayId} (+{Usd(r.AmountMicros)} for {r.BudgetId})";
        var text = r.State switch
        {
            "approved" => $"{what} was approved by <@{r.DecidedBy}>." +
                (after is null ? "" : $" *{after.Id}* now has {Usd(after.RemainingUsd)} left until {Date(after.PeriodEnd)}."),
            "denied" => $"{what} was denied by <@{r.DecidedBy}>:\n{Quote(r.DecisionNote ?? "")}",
            _ => $"{what} expired after 72 h without a decision. Ask again with `/budget request` if you still need it.",
        };
        return Message(text, [Section(text)]);
    }

    // The ephemeral answer to a click that cannot decide.
    public static string AlreadyDecided(BudgetRequestRow r) => r.State == "expired"
        ? $"{r.DisplayId} has expired; nobody can decide it any more."
        : $"{r.DisplayId} was already {r.State} by <@{r.DecidedBy}> at {Date(r.DecidedAtMs ?? 0)}.";

    public static string OwnRequest(BudgetRequestRow r) => $"You asked for {r.DisplayId}, so someone else has to decide it.";

    public static string NotApprover(BudgetRequestRow r, IReadOnlyList<string> approvers) =>
        $"Only {(approvers.Count == 0 ? "nobody" : Users(approvers))} can decide {r.DisplayId} ({Usd(r.AmountMicros)}).";

    public static JsonObject DenyModal(BudgetRequestRow r) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = DenyModalCallback,
        ["private_metadata"] = r.DisplayId,
        ["title"] = Plain($"Deny {r.DisplayId}", 24),
        ["submit"] = Plain("Deny", 24),
        ["close"] = Plain("Cancel", 24),
        ["blocks"] = new JsonArray(
            Section(Ask(r)),
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = DenyReasonBlock,
                ["label"] = Plain("Why is it denied?", 2000),
                ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = DenyReasonAction, ["multiline"] = true, ["max_length"] = 500 },
            }),
    };

    public const string DenyModalCallback = "budget_deny_reason";
    public const string DenyReasonBlock = "deny_reason";
    public const string DenyReasonAction = "reason";

    private static IEnumerable<string> Figures(BudgetStatus s) =>
    [
        $"*Budget:*\n{Usd(s.LimitUsd)}" + (s.GrantedUsd != 0 ? $" + {Usd(s.GrantedUsd)} granted" : ""),
        $"*Spent:*\n{Usd(s.SpentUsd)} ({s.PercentUsed.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%)",
        $"*Remaining:*\n{Usd(s.RemainingUsd)}",
        $"*Resets:*\n{Date(s.PeriodEnd)}",
    ];
}
