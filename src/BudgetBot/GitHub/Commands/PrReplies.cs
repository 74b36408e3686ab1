using System.Globalization;
using System.Text;
using BudgetBot.Budgets;
using static BudgetBot.GitHub.Markdown;

namespace BudgetBot.GitHub;

// The text of every reply BudgetBot writes on a PR to a /budget command or a button press, pure.
// Names: "@login" for GitHub users; Slack users appear by their mapped login or as "Slack user `U…`".
internal static class PrReplies
{
    public const string Help =
        "**`/budget` commands on a pull request**\n\n" +
        "- `/budget` or `/budget status`: this PR's spend and the budgets it draws on\n" +
        "- `/budget request <amount> [for <budget>] <reason>`: ask for more budget, e.g. `/budget request $300 for platform retries of the eval suite`; " +
        "the request card goes to the team's Slack channel and the decision comes back here\n" +
        "- `/budget help`: this help\n\n" +
        "Requests need write access to the repository. `/budget experiment` and `/budget requests` work in Slack only.";

    public static string NotAPullRequest =>
        "`/budget` commands work on pull requests only; this is an issue, so nothing was done.";

    public static string ParseError(string message) => message + "\n\n" + Help;

    public static string SlackOnly(string verb) => $"`/budget {verb}` works in Slack only.\n\n" + Help;

    public static string NoTeam(string repo) =>
        $"No team in the budget policy owns `{Cell(repo)}`, so no request was filed. Ask for budget in Slack with `/budget request <amount> for <budget> <reason>`.";

    public static string NoWriteAccess(string login, string repo) =>
        $"@{login} requests need write access to `{Cell(repo)}`, so no request was filed. `/budget status` is open to everyone.";

    public static string NoDefaultAmount =>
        "The budget policy sets no `requests.defaultUsd`, so the button cannot ask for an amount. Comment `/budget request <amount> <reason>` instead.";

    public static string AlreadyPending(string login, long? requestId, string? sourceUrl) =>
        $"@{login} you already have a pending request{(requestId is { } id ? $" BR-{id.ToString(CultureInfo.InvariantCulture)}" : "")} on this pull request" +
        (sourceUrl is { Length: > 0 } url ? $" ([asked here]({url}))" : "") + "; no second one was filed. It is decided in Slack within 72 h.";

    public static string Filed(string login, RequestFiling f, decimal amountUsd, IReadOnlyList<string> approvers, bool mapped) =>
        $"@{login} request **{f.DisplayId}** (+{Usd(amountUsd)} on {Code(f.BudgetId)}) is posted in the team's Slack channel; " +
        $"{Names(approvers)} can decide it within 72 h. The decision will be posted here." +
        (mapped ? "" : "\n\nYou are not mapped to a Slack user in the budget policy (`people`), so the card says so and Slack cannot message you.");

    public static string Refused(RequestFiling f, string? asked) => f.Outcome switch
    {
        RequestFilingOutcome.UnknownBudget => $"There is no budget or team {Code(asked ?? "")}, so no request was filed. Budgets: {Known(f.Budgets)}.",
        RequestFilingOutcome.NoTeamBudget => $"The team owning this repository has no team budget; say which: `/budget request <amount> for <budget> <reason>`. Budgets: {Known(f.Budgets)}.",
        RequestFilingOutcome.NoChannel => $"Budget {Code(f.BudgetId)} has no Slack channel to post the request to (no team channel, no `alerts.channel`), so no request was filed.",
        _ => $"Nobody but you may approve that on {Code(f.BudgetId)} under the policy's approval tiers, so no request was filed.",
    };

    public static string Decided(string login, RequestOutcome o, string? decider, TimeZoneInfo zone) => o.State switch
    {
        "approved" => $"@{login} {o.DisplayId} approved by {decider}: +{Usd(o.AmountMicros)} on {Code(o.BudgetId)}" +
            (o.Until is { } until ? " until " + TimeZoneInfo.ConvertTime(until, zone).ToString("MMM d", CultureInfo.InvariantCulture) : "") + ".",
        "denied" => $"@{login} {o.DisplayId} denied by {decider}" + (string.IsNullOrWhiteSpace(o.Note) ? "." : ":\n\n" + Quote(o.Note)),
        _ => $"@{login} {o.DisplayId} expired after 72 h without a decision. Ask again with `/budget request` if you still need it.",
    };

    public static string Status(PrSpend s, string? team, string? filter)
    {
        var b = new StringBuilder();
        b.Append("**Budget status of ").Append(Cell(s.Repo)).Append('#').Append(s.Number).Append("**")
            .Append(team is null ? " · no team in the policy owns this repository" : " · team " + Code(team)).Append("\n\n");
        b.Append("Spent on this PR: **").Append(Usd(s.TotalMicros)).Append("** in ").Append(s.Events).Append(s.Events == 1 ? " event" : " events");
        var runs = s.Runs.Where(r => r.RunId is not null).ToList();
        if (runs.Count > 0)
        {
            b.Append("; next run ≈ ").Append(Usd(runs.Sum(r => r.CostMicros) / runs.Count)).Append(" (mean of ").Append(runs.Count).Append(runs.Count == 1 ? " run)" : " runs)");
        }
        b.Append(".\n\n");
        var budgets = s.Budgets.Where(x => filter is null || x.Id.Equals(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        if (budgets.Count == 0)
        {
            return b.Append(filter is null ? "No budget covers this PR." : $"No budget {Code(filter)} covers this PR.").ToString();
        }
        b.Append("| Budget | Enforcement | Used | Left | State | Resets |\n|---|---|---|---|---|---|\n");
        foreach (var x in budgets)
        {
            b.Append("| ").Append(Code(x.Id)).Append(" | ").Append(x.Enforcement.ToText()).Append(" | ").Append(Number(x.PercentUsed)).Append("% of ")
                .Append(Usd(x.LimitUsd + x.GrantedUsd)).Append(" | ").Append(Usd(x.RemainingUsd)).Append(" | ").Append(x.State.ToText())
                .Append(" | ").Append(When(x.ResetsAt)).Append(" |\n");
        }
        return b.ToString();
    }

    // A block quote of someone's text: HTML in it shows as text, every line stays inside the quote.
    private static string Quote(string text) => string.Join('\n', text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(line => "> " + line));

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "nobody" : string.Join(", ", names);

    private static string Known(IReadOnlyList<string> budgets) => budgets.Count == 0 ? "none" : string.Join(", ", budgets.Select(Code));
}
