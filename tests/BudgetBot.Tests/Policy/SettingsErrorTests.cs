using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class SettingsErrorTests
{
    private const string Founders = "founders: [U0FOUNDER]\n";

    public static TheoryData<string, int, string> Cases => new()
    {
        { "approvals:\n  - upToUsd: 1000\n    approvers: [leads]\n  - upToUsd: 500\n    approvers: [leads]", 4, "approvals[1].upToUsd must be larger than the tier before it (500 after 1000)" },
        { "approvals:\n  - upToUsd: 0\n    approvers: [leads]", 2, "approvals[0].upToUsd must be a positive number" },
        { "approvals:\n  - upToUsd: 10", 2, "approvals[0].approvers is required" },
        { "approvals:\n  - upToUsd: 10\n    approvers: []", 3, "approvals[0].approvers must name at least one approver" },
        { "approvals:\n  - upToUsd: 10\n    approvers: [boss]", 3, "approvals[0].approvers[0] must be leads, founders or a Slack user id" },
        { "approvals:\n  - upToUsd: 10\n    approvers: [founders]", 3, "approvals[0].approvers[0] is \"founders\" but the founders list is empty" },
        { Founders + "approvals:\n  - upToUsd: 10\n    approvers: [founders]\n    note: why", 5, "unknown key \"note\" in approvals[0]" },
        { "founders: [alice]", 1, "founders[0] must be a Slack user id" },
        { "founders: U0FOUNDER", 1, "founders must be a list" },
        { "experiments:\n  maxUsd: 0", 2, "experiments.maxUsd must be a positive number" },
        { "experiments:\n  maxDays: 366", 2, "experiments.maxDays must be a whole number of days from 1 to 365" },
        { "experiments:\n  maxDays: 0", 2, "experiments.maxDays must be a whole number of days" },
        { "experiments:\n  maxDay: 7", 2, "unknown key \"maxDay\" in experiments" },
        { "alerts:\n  runawayUsdPerHour: 0", 2, "alerts.runawayUsdPerHour must be a positive number" },
        { "alerts:\n  runaway: 50", 2, "unknown key \"runaway\" in alerts" },
        { "alerts:\n  channel: \"#budgets\"", 2, "alerts.channel must be a Slack channel id like C0123ABCD, not a name" },
        { "digest: every monday", 1, "digest \"every monday\" is not a valid 5-field cron expression" },
        { "pricing:\n  discounts:\n    anthropic: 1", 3, "pricing.discounts.anthropic must be a fraction from 0 up to (not including) 1" },
        { "pricing:\n  discounts:\n    anthropic: -0.1", 3, "pricing.discounts.anthropic must be a fraction" },
        { "pricing:\n  discounts:\n    anthropic: 15%", 3, "(got \"15%\")" },
        { "pricing:\n  discounts:\n    anthropic: 0.1\n    Anthropic: 0.2", 4, "pricing.discounts.Anthropic is listed twice" },
        { "pricing:\n  discount: {anthropic: 0.1}", 2, "unknown key \"discount\" in pricing" },
        { "pricing:\n  overrides:\n    claude-sonnet-4-5: {input: -1}", 3, "pricing.overrides.claude-sonnet-4-5.input must be a non-negative price in USD per 1M tokens" },
        { "pricing:\n  overrides:\n    claude-sonnet-4-5: {inputs: 1}", 3, "unknown key \"inputs\" in pricing.overrides.claude-sonnet-4-5" },
        { "pricing:\n  overrides:\n    claude-sonnet-4-5: {}", 3, "pricing.overrides.claude-sonnet-4-5 must set at least one of input, output, cacheRead, cacheWrite5m, cacheWrite1h" },
        { "pricing:\n  overrides:\n    gpt-5: {input: 1}\n    GPT-5: {input: 2}", 4, "pricing.overrides.GPT-5 is listed twice (model ids ignore case)" },
        { "prComments:\n  mode: sticky", 2, "prComments.mode must be update, hide-and-new, new or off (got \"sticky\")" },
        { "prComments:\n  minChangeUsd: -1", 2, "prComments.minChangeUsd must be zero or a positive number" },
        { "prComments:\n  debounceSeconds: -1", 2, "prComments.debounceSeconds must be zero or a positive whole number" },
        { "prComments:\n  debounceSeconds: 1.5", 2, "prComments.debounceSeconds must be zero or a positive whole number" },
        { "users:\n  octocat: bob", 2, "users.octocat must be a Slack user id like U0123ABCD (got \"bob\")" },
        { "users:\n  \"not a login\": U0X1", 2, "users.not a login: \"not a login\" is not a GitHub login" },
        { "users:\n  octocat: U0OCTO\n  OctoCat: U0OCTO2", 3, "users.OctoCat is listed twice (GitHub logins ignore case)" },
        { "people:\n  - github: octocat\n    slack: bob", 3, "people[0].slack must be a Slack user id like U0123ABCD (got \"bob\")" },
        { "people:\n  - github: \"not a login\"\n    slack: U0X1", 2, "people[0].github: \"not a login\" is not a GitHub login" },
        { "people:\n  - slack: U0X1", 2, "people[0].github is required" },
        { "people:\n  - github: octocat\n    slack: U0X1\n    email: o@example.com", 4, "unknown key \"email\" in people[0]" },
        { "users:\n  octocat: U0OCTO\npeople:\n  - github: OctoCat\n    slack: U0OCTO2", 4, "people[0].github: OctoCat is mapped twice (in users or people" },
        { "people: {github: octocat, slack: U0X1}", 1, "people must be a list" },
        { "requests:\n  defaultUsd: 0", 2, "requests.defaultUsd must be a positive amount of at most 1000000, whole cents" },
        { "requests:\n  defaultUsd: 10.001", 2, "requests.defaultUsd must be a positive amount" },
        { "requests:\n  default: 300", 2, "unknown key \"default\" in requests" },
    };

    [Fact]
    public void People_AndUsers_FillOneMap_AndRequestsDefaultUsdIsRead()
    {
        var result = PolicyParser.Parse("users: { octocat: U0OCTO }\npeople:\n  - { github: lead-gh, slack: U0LEAD1 }\nrequests: { defaultUsd: 300 }\n");

        Assert.Empty(result.Errors);
        Assert.Equal("U0OCTO", result.Policy!.Users["Octocat"]);
        Assert.Equal("U0LEAD1", result.Policy.Users["lead-gh"]);
        Assert.Equal("lead-gh", result.Policy.GitHubLoginOf("U0LEAD1"));
        Assert.Equal(300m, result.Policy.Requests.DefaultUsd);
        Assert.Null(PolicyParser.Parse("users: {}\n").Policy!.Requests.DefaultUsd);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ReportsOneErrorOnItsLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);
}
