using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

// One mistake per case, each reported once, on its own line.
public sealed class BudgetErrorTests
{
    private const string Teams = "teams:\n  platform:\n    repos: [acme/api]\n";

    public static TheoryData<string, int, string> Cases => new()
    {
        { "budgets:\n  - scope: org\n    amountUsd: 1\n    period: \"0 0 1 * *\"", 2, "budgets[0].id is required" },
        { "budgets:\n  - id: Platform!\n    scope: org\n    amountUsd: 1\n    period: \"0 0 1 * *\"", 2, "budgets[0].id must be lowercase" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\"}\n  - {id: a, scope: org, amountUsd: 2, period: \"@weekly\"}", 3, "budgets[1].id \"a\" is already used on line 2" },
        { Teams + "budgets:\n  - id: a\n    scope: team:ghost\n    amountUsd: 1\n    period: \"0 0 1 * *\"", 6, "budgets[0].scope names team \"ghost\", which is not defined under teams" },
        { "budgets:\n  - {id: a, scope: galaxy, amountUsd: 1, period: \"0 0 1 * *\"}", 2, "budgets[0].scope must be org, team:<id>" },
        { "budgets:\n  - {id: a, scope: \"org:x\", amountUsd: 1, period: \"0 0 1 * *\"}", 2, "budgets[0].scope must be org, team:<id>" },
        { "budgets:\n  - {id: a, scope: \"repo:acme/*\", amountUsd: 1, period: \"0 0 1 * *\"}", 2, "must name one repository as repo:owner/name" },
        { "budgets:\n  - {id: a, scope: \"repo:acme\", amountUsd: 1, period: \"0 0 1 * *\"}", 2, "must name one repository as repo:owner/name" },
        { "budgets:\n  - {id: a, scope: \"experiment:Big Idea\", amountUsd: 1, period: \"0 0 1 * *\"}", 2, "must be experiment:<id>" },
        { "budgets:\n  - {id: a, scope: \"workflow: \", amountUsd: 1, period: \"0 0 1 * *\"}", 2, "budgets[0].scope must be org" },
        { "budgets:\n  - id: a\n    scope: org\n    period: \"0 0 1 * *\"", 2, "budgets[0].amountUsd is required" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: 0\n    period: \"0 0 1 * *\"", 4, "budgets[0].amountUsd must be a positive number (got \"0\")" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: -5\n    period: \"0 0 1 * *\"", 4, "budgets[0].amountUsd must be a positive number" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: lots\n    period: \"0 0 1 * *\"", 4, "budgets[0].amountUsd must be a positive number (got \"lots\")" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: [1]\n    period: \"0 0 1 * *\"", 4, "budgets[0].amountUsd must be a single non-empty value" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: 1", 2, "budgets[0].period is required" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: 1\n    period: \"0 0 1 *\"", 5, "budgets[0].period \"0 0 1 *\" is not a valid 5-field cron expression" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: 1\n    period: \"0 0 0 1 * *\"", 5, "is not a valid 5-field cron expression" },
        { "budgets:\n  - id: a\n    scope: org\n    amountUsd: 1\n    period: \"0 0 31 2 *\"", 5, "budgets[0].period \"0 0 31 2 *\" never occurs" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: [80, 50]}", 3, "budgets[0].thresholds must be strictly ascending (50 follows 80)" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: [50, 50]}", 3, "strictly ascending" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: [0]}", 3, "budgets[0].thresholds[0] must be a whole percentage from 1 to 1000" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: [50, 1001]}", 3, "budgets[0].thresholds[1] must be a whole percentage" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: [50.5]}", 3, "(got \"50.5\")" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: []}", 3, "budgets[0].thresholds must list at least one percentage" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     thresholds: 80}", 3, "budgets[0].thresholds must be a list" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     enforcement: strict}", 3, "budgets[0].enforcement must be advisory, soft or hard (got \"strict\")" },
        { "budgets:\n  - {id: a, scope: org, amountUsd: 1, period: \"@monthly\",\n     threshold: [50]}", 3, "unknown key \"threshold\" in budgets[0]" },
        { "budgets:\n  - platform", 2, "budgets[0] must be a mapping" },
        { "budgets:\n  id: a", 2, "budgets must be a list" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ReportsOneErrorOnItsLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);
}
