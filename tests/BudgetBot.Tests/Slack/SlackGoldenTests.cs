using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Slack;

// Every message we render, pinned in Golden/slack/<name>.json (see Golden); each rendering is also
// checked against Block Kit's limits.
public sealed class SlackGoldenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    private static readonly BudgetRequestRow Pending = new(12, "increase", "platform", 1_500_000_000, "Q3 fine-tune & eval <!channel> *now*\nsecond line",
        "U0DEV", "C0PLATFORM", null, "pending", Now.ToUnixTimeMilliseconds(), Now.AddHours(72).ToUnixTimeMilliseconds(), null, null, null, "1773230400.000101");

    private static readonly BudgetStatus Status = new("platform", BudgetScope.Team("platform"), Enforcement.Soft, new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), 5000m, 0m, 4210.5m, 0m, 789.5m, 84.2m, 6100m, BudgetState.Warning, 2, [50, 80, 100]);

    public static TheoryData<string> Names => new(Messages().Keys.ToArray());

    [Theory]
    [MemberData(nameof(Names))]
    public void Message_MatchesItsGoldenFile_AndBlockKitLimits(string name)
    {
        var message = Messages()[name];
        BlockKitLimits.Check(message);
        Golden.AssertJson($"slack/{name}.json", message);
    }

    private static Dictionary<string, JsonObject> Messages()
    {
        var approved = Pending with { State = "approved", DecidedBy = "U0LEAD1", DecidedAtMs = Now.AddHours(1).ToUnixTimeMilliseconds() };
        var denied = Pending with { State = "denied", DecidedBy = "U0LEAD1", DecidedAtMs = Now.AddHours(1).ToUnixTimeMilliseconds(), DecisionNote = "use the <batch> API & retry" };
        var expired = Pending with { State = "expired", DecidedAtMs = Pending.ExpiresAtMs };
        var experiment = Pending with { Id = 13, Kind = "experiment", BudgetId = "experiment:try-o3", AmountMicros = 5_000_000_000, ExperimentDays = 30, Reason = "compare reviewers" };
        var granted = Status with { GrantedUsd = 1500m, RemainingUsd = 2289.5m, PercentUsed = 64.8m, State = BudgetState.Warning };
        return new()
        {
            ["request-card-pending"] = RequestCards.Card(Pending, Status, ["U0FOUNDER", "U0LEAD1"]),
            ["request-card-approved"] = RequestCards.Card(approved, granted, []),
            ["request-card-denied"] = RequestCards.Card(denied, Status, []),
            ["request-card-expired"] = RequestCards.Card(expired, null, []),
            ["request-card-experiment"] = RequestCards.Card(experiment, null, ["U0FOUNDER2"]),
            ["requester-approved"] = RequestCards.RequesterNotice(approved, granted),
            ["requester-denied"] = RequestCards.RequesterNotice(denied, null),
            ["requester-expired"] = RequestCards.RequesterNotice(expired, null),
            ["deny-modal"] = RequestCards.DenyModal(Pending),
            ["reply-help"] = SlackReplies.Help(),
            ["reply-parse-error"] = SlackReplies.Error((ParseError)BudgetCommandParser.Parse("request lots <!here>")),
            ["reply-status"] = SlackReplies.Status([Status, Status with { Id = "review-agents", Scope = BudgetScope.Workflow("claude-review"), Enforcement = Enforcement.Hard, State = BudgetState.Exceeded, PercentUsed = 104m, UnpricedEvents = 0 }], null),
            ["reply-requests"] = SlackReplies.Requests([Pending, experiment]),
            ["reply-already-decided"] = SlackReplies.Ephemeral(RequestCards.AlreadyDecided(approved)),
        };
    }
}
