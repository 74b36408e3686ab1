using BudgetBot.Budgets;
using BudgetBot.Cli;
using BudgetBot.Tests.Policy;

namespace BudgetBot.Tests.Routing;

public sealed class RoutingPolicyTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public static TheoryData<string, int, string> Errors => new()
    {
        { "routing:\n  - prefer: [claude-haiku-4-5]", 2, "routing[0].workflow is required" },
        { "routing:\n  - workflow: triage-*", 2, "routing[0].prefer is required" },
        { "routing:\n  - workflow: triage-*\n    prefer: []", 3, "routing[0].prefer must name at least one model" },
        { "routing:\n  - workflow: triage-*\n    prefer: [claude-haiku-4-5]\n    maxFrontierShare: 1.5", 4, "routing[0].maxFrontierShare must be a share from 0 to 1" },
        { "routing:\n  - workflow: triage-*\n    prefer: [claude-haiku-4-5]\n    suggestAtPercent: 0", 4, "routing[0].suggestAtPercent must be a whole percent from 1 to 100" },
        { "routing:\n  - workflow: triage-*\n    prefer: [claude-haiku-4-5]\n    share: 0.5", 4, "unknown key \"share\" in routing[0]" },
        { "routing: {workflow: triage-*}", 1, "routing must be a list" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void BadRoutingRules_AreRefusedWithTheLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);

    [Fact]
    public void RoutingRules_ReadWithDefaults_AndTheFirstMatchingRuleWins()
    {
        var policy = PolicyParser.Parse("""
            routing:
              - workflow: "triage-*"
                prefer: [claude-haiku-4-5, gpt-5-mini]
                maxFrontierShare: 0.5
              - workflow: "*"
                prefer: [claude-sonnet-4-5]
                suggestAtPercent: 95
            """).Policy!;

        var triage = policy.Routing[0];
        Assert.Equal(("triage-*", (decimal?)0.5m, RoutingRule.DefaultSuggestAtPercent), (triage.Workflow, triage.MaxFrontierShare, triage.SuggestAtPercent));
        Assert.Null(policy.Routing[1].MaxFrontierShare);
        Assert.Equal(["claude-haiku-4-5", "gpt-5-mini"], policy.RoutingFor("triage-bot")!.Prefer);
        Assert.Equal(95, policy.RoutingFor("claude-review")!.SuggestAtPercent);
        Assert.Null(policy.RoutingFor(null));
        Assert.Null(PolicyParser.Parse("timezone: UTC").Policy!.RoutingFor("triage-bot"));
    }

    // Through the CLI verb, with the embedded price catalog: a model nobody can price is refused with its line.
    [Fact]
    public async Task PolicyCheck_RefusesARuleNamingAModelTheCatalogDoesNotKnow_WithItsLine()
    {
        var path = dir.Write("p.yaml", "timezone: UTC\nrouting:\n  - workflow: triage-*\n    prefer: [claude-haiku-4-5, gpt-9-nano]\n");
        var good = dir.Write("good.yaml", "timezone: UTC\nrouting:\n  - workflow: triage-*\n    prefer: [claude-haiku-4-5, gpt-5-mini]\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliRunner.RunAsync(["policy", "check", path], stdout, stderr);
        var goodExit = await CliRunner.RunAsync(["policy", "check", good], stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Equal(0, goodExit);
        Assert.Equal(
            [
                $"{path}:4:32: routing[0].prefer[1] \"gpt-9-nano\" is not a model the price catalog knows (see `budgetbot pricing show MODEL`)",
                "policy invalid: 1 error",
            ],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => dir.Dispose();
}
