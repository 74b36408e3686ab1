using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

// teams.<id>.members: GitHub logins who see that team on the dashboard; a login may sit in several teams.
public sealed class TeamMembersTests
{
    [Fact]
    public void Members_AreParsedPerTeam_AndDefaultToNone()
    {
        var result = PolicyParser.Parse("""
            teams:
              platform:
                repos: [acme/api]
                members: [octocat, hubot-2]
              data:
                repos: [acme/etl]
                members: [octocat]
              infra:
                repos: [acme/infra]
            """);

        Assert.Empty(result.Errors);
        var teams = Assert.IsType<BudgetPolicy>(result.Policy).Teams;
        Assert.Equal(["octocat", "hubot-2"], teams["platform"].Members);
        Assert.Equal(["octocat"], teams["data"].Members);
        Assert.Empty(teams["infra"].Members);
    }
}
