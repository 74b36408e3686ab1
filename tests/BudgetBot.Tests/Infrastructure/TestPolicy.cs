namespace BudgetBot.Tests.Infrastructure;

internal static class TestPolicy
{
    // UTC keeps period arithmetic in tests readable; the zone tables live in BudgetPeriodTests.
    public const string Default = """
        timezone: UTC
        teams:
          platform:
            repos: [acme/api, "acme/svc-*", acme/payments-api]
            slackChannel: C0PLATFORM
            leads: [U0LEAD1]
          growth:
            repos: [acme/web]
            slackChannel: C0GROWTH
            leads: [U0LEAD2]
        budgets:
          - id: platform
            scope: team:platform
            amountUsd: 5000
            period: "0 0 1 * *"
            thresholds: [50, 80, 100]
            enforcement: soft
          - id: review-agents
            scope: workflow:claude-review
            amountUsd: 100
            period: "0 0 * * MON"
            thresholds: [80, 100]
            enforcement: hard
          - id: everything
            scope: org
            amountUsd: 20000
            period: "0 0 1 * *"
            enforcement: advisory
        approvals:
          - upToUsd: 1000
            approvers: [leads]
          - upToUsd: 20000
            approvers: [founders]
        founders: [U0FOUNDER, U0FOUNDER2]
        experiments: { maxUsd: 2000, maxDays: 14 }
        alerts: { runawayUsdPerHour: 50 }
        digest: "0 9 * * MON-FRI"
        pricing: { discounts: { anthropic: 0.0, openai: 0.0 } }
        prComments: { mode: update, minChangeUsd: 0.50, debounceSeconds: 30 }
        users: { octocat: U0OCTO }
        """;
}
