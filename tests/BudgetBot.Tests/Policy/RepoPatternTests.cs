using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class RepoPatternTests
{
    [Theory]
    [InlineData("acme/api", "acme/api", true)]
    [InlineData("acme/api", "ACME/Api", true)]
    [InlineData("acme/api", "acme/api2", false)]
    [InlineData("acme/svc-*", "acme/svc-billing", true)]
    [InlineData("acme/svc-*", "acme/svc-", true)]
    [InlineData("acme/svc-*", "acme/svc", false)]
    [InlineData("acme/*", "acme/anything.at-all", true)]
    [InlineData("acme/*", "other/api", false)]
    [InlineData("*/api", "anyone/api", true)]
    [InlineData("*/*", "a/b", true)]
    [InlineData("*", "acme/api", false)] // '*' never crosses the '/'
    [InlineData("acme*", "acme/api", false)]
    [InlineData("a*e/*-svc", "acme/billing-svc", true)]
    [InlineData("a*e/*-svc", "acme/billing-svc-old", false)]
    [InlineData("*x*/y", "aaxbb/y", true)]
    [InlineData("*x*/y", "aab/y", false)]
    public void Matches(string pattern, string repo, bool expected) =>
        Assert.Equal(expected, RepoPattern.Matches(pattern, repo));

    [Theory]
    [InlineData("acme/api", true)]
    [InlineData("acme/svc-*", true)]
    [InlineData("my.org/repo_name.js", true)]
    [InlineData("acme", false)]
    [InlineData("acme/api/extra", false)]
    [InlineData("acme/ api", false)]
    [InlineData("/api", false)]
    public void IsValid(string pattern, bool expected) => Assert.Equal(expected, RepoPattern.IsValid(pattern));
}
