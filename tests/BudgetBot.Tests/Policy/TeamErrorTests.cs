using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class TeamErrorTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "timezone: Mars/Olympus_Mons", 1, "timezone \"Mars/Olympus_Mons\" is not an IANA time zone id" },
        { "timezone: W. Europe Standard Time", 1, "is not an IANA time zone id" },
        { "timezone: [UTC]", 1, "timezone must be a single non-empty value" },
        { "timezone: UTC\nbudgts: []", 2, "unknown key \"budgts\" in top level (expected one of: timezone, teams, budgets" },
        { "- timezone: UTC", 1, "the policy file must be a mapping" },
        { "timezone: UTC\n---\ntimezone: UTC", 3, "must hold one YAML document" },
        { "teams: [platform]", 1, "teams must be a mapping" },
        { "teams:\n  Platform:\n    repos: [acme/api]", 2, "teams.Platform: team id must be lowercase" },
        { "teams:\n  platform:\n    repos: [acme]", 3, "teams.platform.repos[0] must be owner/name, optionally with '*' (got \"acme\")" },
        { "teams:\n  platform:\n    repos: [\"acme/api/x\"]", 3, "must be owner/name" },
        { "teams:\n  platform:\n    repos: acme/api", 3, "teams.platform.repos must be a list" },
        { "teams:\n  a:\n    repos: [acme/api]\n  b:\n    repos: [ACME/API]", 5, "teams.b.repos[0] \"ACME/API\" is already listed for team a on line 3" },
        { "teams:\n  platform:\n    slackChannel: \"#platform\"", 3, "teams.platform.slackChannel must be a Slack channel id like C0123ABCD, not a name" },
        { "teams:\n  platform:\n    leads: [bob]", 3, "teams.platform.leads[0] must be a Slack user id like U0123ABCD (got \"bob\")" },
        { "teams:\n  platform:\n    repo: [acme/api]", 3, "unknown key \"repo\" in teams.platform (expected one of: repos, slackChannel, leads, members)" },
        { "teams:\n  platform:\n    members: [\"bob smith\"]", 3, "teams.platform.members[0] must be a GitHub login like octocat (got \"bob smith\")" },
        { "teams:\n  platform:\n    members: [octocat, OctoCat]", 3, "teams.platform.members[1] \"OctoCat\" is listed twice" },
        { "teams:\n  platform:\n    members: octocat", 3, "teams.platform.members must be a list" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ReportsOneErrorOnItsLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);
}
