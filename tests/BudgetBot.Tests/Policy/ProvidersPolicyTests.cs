using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class ProvidersPolicyTests
{
    private const string Teams = "teams:\n  platform:\n    repos: [acme/api]\n  growth:\n    repos: [acme/web]\n";

    public static TheoryData<string, int, string> Errors => new()
    {
        { Teams + "providers:\n  anthropc: {}", 7, "unknown key \"anthropc\" in providers (expected one of: anthropic, openai)" },
        { Teams + "providers:\n  anthropic:\n    projects: {}", 8, "unknown key \"projects\" in providers.anthropic (expected one of: workspaces, apiKeys)" },
        { Teams + "providers:\n  anthropic:\n    workspaces:\n      wrkspc_01: { team: infra }", 9, "providers.anthropic.workspaces.wrkspc_01.team \"infra\" is not a team declared under teams" },
        { Teams + "providers:\n  openai:\n    projects:\n      proj_a:\n        repo: \"acme/*\"", 10, "providers.openai.projects.proj_a.repo must be one repository as owner/name, without '*'" },
        { Teams + "providers:\n  openai:\n    apiKeys:\n      key_a: { owner: growth }", 9, "unknown key \"owner\" in providers.openai.apiKeys.key_a (expected one of: team, repo)" },
        { Teams + "providers:\n  openai:\n    projects:\n      proj_a: [growth]", 9, "providers.openai.projects.proj_a must be a mapping" },
        { Teams + "providers:\n  openai:\n    projects:\n      proj_a: { }", 9, "providers.openai.projects.proj_a needs a team, a repo or both" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Mistake_IsReportedOnItsLine(string yaml, int line, string message)
    {
        var result = PolicyParser.Parse(yaml);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Mappings_AreRead_AndResolveToTeams()
    {
        var yaml = Teams + """
            providers:
              anthropic:
                workspaces:
                  wrkspc_01: { team: platform, repo: Acme/API }
                  wrkspc_02: { repo: acme/web }
                apiKeys:
                  apikey_01: { team: growth }
              openai:
                projects:
                  proj_abc: { team: growth }
                apiKeys:
                  key_x: { repo: acme/api }
            """;

        var policy = Assert.IsType<BudgetPolicy>(PolicyParser.Parse(yaml).Policy);

        var p = policy.Providers;
        Assert.Equal(new ProviderTarget("platform", "acme/api"), p.Find("anthropic", "wrkspc_01"));
        Assert.Equal("growth", p.Find("anthropic", "wrkspc_02")!.ResolveTeam(policy));
        Assert.Equal(new ProviderTarget("growth", null), p.AnthropicApiKeys["apikey_01"]);
        Assert.Equal(new ProviderTarget("growth", null), p.Find("openai", "proj_abc"));
        Assert.Equal("platform", p.OpenAiApiKeys["key_x"].ResolveTeam(policy));
        Assert.Null(p.Find("openai", "proj_unknown"));
        Assert.Null(p.Find("anthropic", "proj_abc"));
    }

    [Fact]
    public void NoProvidersSection_MeansNoMappings()
    {
        var policy = Assert.IsType<BudgetPolicy>(PolicyParser.Parse(Teams).Policy);

        Assert.Same(ProviderMappings.Empty, policy.Providers);
    }

    [Fact]
    public void Sample_MapsItsProviderAccounts()
    {
        var policy = Assert.IsType<BudgetPolicy>(PolicyParser.Parse(File.ReadAllText(PolicyParserTests.SamplePath)).Policy);

        Assert.Equal(new ProviderTarget("platform", "acme/api"), policy.Providers.Find("anthropic", "wrkspc_01PlatformAgents"));
        Assert.Equal("platform", policy.Providers.Find("openai", "proj_PlatformApi")!.ResolveTeam(policy));
        Assert.Single(policy.Providers.AnthropicApiKeys);
        Assert.Single(policy.Providers.OpenAiApiKeys);
    }
}
