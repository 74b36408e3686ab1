using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class PolicyParserTests
{
    // The sample shipped beside the service, copied into the output by the web project.
    internal static string SamplePath => Path.Combine(AppContext.BaseDirectory, "budgetbot.policy.yaml");

    [Fact]
    public void Sample_ParsesClean()
    {
        var result = PolicyParser.Parse(File.ReadAllText(SamplePath));

        Assert.Empty(result.Errors);
        var policy = Assert.IsType<BudgetPolicy>(result.Policy);
        Assert.Equal("Europe/Berlin", policy.TimeZone.Id);
        var team = policy.Teams["platform"];
        Assert.Equal(["acme/api", "acme/svc-*"], team.Repos);
        Assert.Equal("C0PLATFORM", team.SlackChannel);
        Assert.Equal(["U0LEAD1"], team.Leads);
        Assert.Equal(["platform", "review-agents"], policy.Budgets.Select(b => b.Id));
        var platform = policy.Budgets[0];
        Assert.Equal(("team:platform", 5000m, "0 0 1 * *", Enforcement.Soft), (platform.Scope.ToString(), platform.AmountUsd, platform.PeriodText, platform.Enforcement));
        Assert.Equal([50, 80, 100], platform.Thresholds);
        var review = policy.Budgets[1];
        Assert.Equal(("workflow:claude-review", 300m, Enforcement.Hard), (review.Scope.ToString(), review.AmountUsd, review.Enforcement));
        Assert.Equal([1000m, 20000m], policy.Approvals.Select(a => a.UpToUsd));
        Assert.Equal(["leads"], policy.Approvals[0].Approvers);
        Assert.Equal(["founders"], policy.Approvals[1].Approvers);
        Assert.Equal(["U0FOUNDER"], policy.Founders);
        Assert.Equal(new ExperimentLimits(2000m, 14), policy.Experiments);
        Assert.Equal(50m, policy.Alerts.RunawayUsdPerHour);
        Assert.Equal("C0BUDGETS", policy.Alerts.Channel);
        Assert.Equal("0 9 * * MON-FRI", policy.DigestText);
        Assert.NotNull(policy.Digest);
        Assert.Equal(0m, policy.DiscountFor("anthropic"));
        Assert.Equal(new PrCommentSettings(PrCommentMode.Update, 0.50m, 30), policy.PrComments);
        Assert.Equal("U0OCTO", policy.Users["OctoCat"]);
    }

    [Fact]
    public void MinimalFile_TakesEveryDefault()
    {
        var result = PolicyParser.Parse("budgets:\n  - {id: all, scope: org, amountUsd: 100, period: \"0 0 1 * *\"}\ndigest:\n");

        var policy = Assert.IsType<BudgetPolicy>(result.Policy);
        Assert.Same(TimeZoneInfo.Utc, policy.TimeZone);
        var budget = Assert.Single(policy.Budgets);
        Assert.Equal([50, 80, 100], budget.Thresholds);
        Assert.Equal(Enforcement.Advisory, budget.Enforcement);
        Assert.Empty(policy.Teams);
        Assert.Empty(policy.Approvals);
        Assert.Equal(ExperimentLimits.Default, policy.Experiments);
        Assert.Null(policy.Alerts.RunawayUsdPerHour);
        Assert.Null(policy.Digest);
        Assert.Equal(PrCommentSettings.Default, policy.PrComments);
    }

    [Fact]
    public void FiveMistakes_AreAllReported_WithTheirLines()
    {
        const string yaml = """
            timezone: Europe/Berlín
            teams:
              platform:
                repos: [acme/api]
            budgets:
              - id: platform
                scope: team:platfrom
                amountUsd: -1
                period: "0 0 1 * *"
                thresholds: [50, 80, 80]
            prComments: { mode: sticky }
            """;

        var result = PolicyParser.Parse(yaml);

        Assert.Null(result.Policy);
        Assert.Equal([1, 7, 8, 10, 11], result.Errors.Select(e => e.Line));
        Assert.Equal(
            [
                "line 1: timezone \"Europe/Berlín\" is not an IANA time zone id such as Europe/Berlin, America/New_York or UTC",
                "line 7: budgets[0].scope names team \"platfrom\", which is not defined under teams",
                "line 8: budgets[0].amountUsd must be a positive number (got \"-1\")",
                "line 10: budgets[0].thresholds must be strictly ascending (80 follows 80)",
                "line 11: prComments.mode must be update, hide-and-new, new or off (got \"sticky\")",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(12, result.Errors[1].Column);
    }

    [Theory]
    [InlineData("teams: [a, b\nbudgets: []", 1, "is a [, { or quote left open?")]
    [InlineData("teams: {a: b\n", 2, "")]
    [InlineData("digest: \"0 9 * * *\nusers: {}\n", 1, "double-quoted scalar")]
    [InlineData("timezone: UTC\ntimezone: UTC", 2, "Duplicate key")]
    [InlineData("teams:\n\tplatform: {}", 1, "tab as indentation")]
    public void YamlSyntaxError_IsOneErrorWithItsLine(string yaml, int line, string message)
    {
        var result = PolicyParser.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.True(error.Line == line, $"expected line {line}, got {error}");
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void EmptyFile_IsAnError(string yaml)
    {
        var error = Assert.Single(PolicyParser.Parse(yaml).Errors);
        Assert.Equal("line 1: the policy file is empty", error.ToString());
    }
}
