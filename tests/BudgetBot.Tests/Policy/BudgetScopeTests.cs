using System.Text.Json;
using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class BudgetScopeTests
{
    [Theory]
    [InlineData("org", "Org", "")]
    [InlineData("team:platform", "Team", "platform")]
    [InlineData("repo:acme/api", "Repo", "acme/api")]
    [InlineData("workflow:claude-review", "Workflow", "claude-review")]
    [InlineData("experiment:fine-tune", "Experiment", "fine-tune")]
    public void Parse_ThenFormat_RoundTrips(string text, string kind, string key)
    {
        var scope = BudgetScope.Parse(text);
        Assert.Equal((Enum.Parse<ScopeKind>(kind), key), (scope.Kind, scope.Key));
        Assert.Equal(text, scope.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("galaxy")]
    [InlineData("org:x")]
    [InlineData("team:")]
    [InlineData("planet:earth")]
    public void TryParse_RefusesWhatIsNotAScope(string text) =>
        Assert.False(BudgetScope.TryParse(text, out _));

    [Fact]
    public void Repo_IsLowerCase_AsGitHubsAre() =>
        Assert.Equal(BudgetScope.Repo("acme/api"), BudgetScope.Parse("repo:Acme/API"));

    [Fact]
    public void Of_AnEvent_CountsTowardsOrgTeamAndWhatItHas()
    {
        Assert.Equal(new[] { "org", "team:platform", "repo:acme/api", "workflow:nightly", "experiment:x" },
            BudgetScope.Of("platform", "Acme/Api", "nightly", "x").Select(s => s.ToString()));
        Assert.Equal(new[] { "org", "team:platform" }, BudgetScope.Of("platform", null, null, null).Select(s => s.ToString()));
    }

    [Fact]
    public void Json_IsTheScopeText_AndEnumsTheirLowerCaseNames()
    {
        var json = JsonSerializer.Serialize(new { Scope = BudgetScope.Team("platform"), Enforcement = Enforcement.Hard, State = BudgetState.Warning });
        Assert.Equal("""{"Scope":"team:platform","Enforcement":"hard","State":"warning"}""", json);
        Assert.Equal(BudgetScope.Workflow("w"), JsonSerializer.Deserialize<BudgetScope>("\"workflow:w\""));
    }

    [Theory]
    [InlineData("org", "1 = 1")]
    [InlineData("team:t", "team = @ScopeKey")]
    [InlineData("repo:o/r", "repo = @ScopeKey")]
    [InlineData("workflow:w", "workflow = @ScopeKey")]
    [InlineData("experiment:e", "experiment = @ScopeKey")]
    public void ScopeQuery_FiltersUsageEventsByTheScopesColumn(string scope, string where)
    {
        var parsed = BudgetScope.Parse(scope);
        Assert.Equal(where, ScopeQuery.Where(parsed.Kind));
        var query = new ScopeQuery("Test.Query", "SELECT 1 FROM usage_events WHERE {scope};");
        Assert.Equal($"SELECT 1 FROM usage_events WHERE {where};", query.For(parsed).Sqlite);
    }
}
