using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class BudgetPolicyTests
{
    private static readonly BudgetPolicy Policy = Parse("""
        teams:
          zeta: { repos: ["acme/*"] }
          alpha: { repos: ["acme/svc-*", "ACME/Web"] }
          beta: { repos: ["acme/svc-*-x", "acme/api"] }
          gamma: { repos: ["acme/*c-bb"] }
        budgets:
          - { id: all, scope: org, amountUsd: 10, period: "@monthly" }
          - { id: api, scope: "repo:acme/api", amountUsd: 5, period: "@weekly" }
        pricing: { discounts: { Anthropic: 0.15 } }
        """);

    [Theory]
    [InlineData("acme/api", "beta")] // exact beats the shorter acme/*
    [InlineData("Acme/API", "beta")]
    [InlineData("acme/web", "alpha")]
    [InlineData("acme/svc-a", "alpha")] // acme/svc-* is longer than acme/*
    [InlineData("acme/svc-a-x", "beta")] // the longest matching glob wins
    [InlineData("acme/svc-bb", "alpha")] // equal length (10): the smaller team id wins
    [InlineData("acme/other", "zeta")]
    [InlineData("other/api", "unassigned")]
    [InlineData("", "unassigned")]
    [InlineData(null, "unassigned")]
    public void ResolveTeam(string? repo, string team) => Assert.Equal(team, Policy.ResolveTeam(repo));

    [Fact]
    public void FindBudget_ById()
    {
        Assert.Equal("repo:acme/api", Policy.FindBudget("api")?.Scope.ToString());
        Assert.Null(Policy.FindBudget("API"));
        Assert.Null(Policy.FindBudget("missing"));
    }

    [Theory]
    [InlineData("anthropic", "0.15")]
    [InlineData("ANTHROPIC", "0.15")]
    [InlineData("openai", "0")]
    [InlineData(null, "0")]
    public void DiscountFor(string? provider, string discount) =>
        Assert.Equal(decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture), Policy.DiscountFor(provider));

    [Fact]
    public void Empty_IsUtcWithDefaults()
    {
        Assert.Same(TimeZoneInfo.Utc, BudgetPolicy.Empty.TimeZone);
        Assert.Empty(BudgetPolicy.Empty.Budgets);
        Assert.Equal("unassigned", BudgetPolicy.Empty.ResolveTeam("acme/api"));
    }

    private static BudgetPolicy Parse(string yaml)
    {
        var result = PolicyParser.Parse(yaml);
        Assert.Empty(result.Errors);
        return result.Policy!;
    }
}
