using BudgetBot.Budgets;
using BudgetBot.Routing;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Routing;

// The what-if priced to the micro-dollar with the embedded catalog's rates (USD per 1M tokens, as
// `budgetbot pricing show` prints them), each expectation worked by hand in the comment beside it.
public sealed class RoutingAdvisorTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.LoadEmbedded();
    private static readonly long Hour = new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static TheoryData<string, string, long[], long, string, long> Cases => new()
    {
        // sonnet 3 / 15 / 0.3 / 3.75 / 6: 3,703,701 + 1,335,180 + 1,037,036.7 + 46,293.75 + 40,734 = $6.16294545 -> 6,162,945 micros.
        // haiku 1 / 5 / 0.1 / 1.25 / 2: 1,234,567 + 445,060 + 345,678.9 + 15,431.25 + 13,578 = $2.05431515 -> 2,054,315.
        { "claude-sonnet-4-5", "anthropic", [1_234_567, 89_012, 3_456_789, 12_345, 6_789], 6_162_945, "claude-haiku-4-5", 2_054_315 },
        // gpt-5 1.25 / 10 / 0.125: 416,666.25 + 777,770 + 138,888.875 = $1.333325125 -> 1,333,325.
        // gpt-5-mini 0.25 / 2 / 0.025: 83,333.25 + 155,554 + 27,777.775 = $0.266665025 -> 266,665.
        { "gpt-5", "openai", [333_333, 77_777, 1_111_111, 0, 0], 1_333_325, "gpt-5-mini", 266_665 },
        // opus 15 / 75 / 1.5 / 18.75 / 30 -> haiku: 100,000 x 1 + 10,000 x 5 + 50,000 x 0.1 + 4,000 x 1.25 + 1,000 x 2 = $0.162.
        { "claude-opus-4-1", "anthropic", [100_000, 10_000, 50_000, 4_000, 1_000], 2_430_000, "claude-haiku-4-5", 162_000 },
        // Served by Bedrock (aws): the same Anthropic rates for haiku: 7 x 1 + 3 x 5 = 22 tokens-dollars per 1M -> $0.000022.
        { "claude-sonnet-4-5", "aws", [7, 3, 0, 0, 0], 66, "claude-haiku-4-5", 22 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatIf_PricesTheSameTokensOnThePreferredModel_ToTheMicroDollar(
        string model, string provider, long[] tokens, long actualMicros, string prefer, long whatIfMicros)
    {
        var policy = Policy(new RoutingRule("triage-*", ["claude-haiku-4-5", "gpt-5-mini"], null, 80));

        var advice = Assert.Single(RoutingAdvisor.Of([Row("triage-bot", model, provider, tokens, actualMicros)], policy, Catalog));

        var whatIf = Assert.Single(advice.WhatIfs);
        Assert.Equal(prefer, whatIf.Model);
        Assert.Equal([model], whatIf.Replaces);
        Assert.Equal(Money.FromMicros(actualMicros), whatIf.ActualUsd);
        Assert.Equal(Money.FromMicros(whatIfMicros), whatIf.WhatIfUsd);
        Assert.Equal(Money.FromMicros(actualMicros - whatIfMicros), whatIf.SavingUsd);
        Assert.Equal(1m, advice.FrontierShare);
    }

    [Fact]
    public void WhatIf_TakesTheProvidersDiscount_AsIngestionDoes()
    {
        var policy = Policy(new RoutingRule("triage-*", ["claude-haiku-4-5"], null, 80)) with
        {
            Pricing = new PricingSettings(new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase) { ["anthropic"] = 0.2m }),
        };

        // haiku: 1,000,000 x 1 + 100,000 x 5 = $1.50, less 20 % = $1.20.
        var whatIf = RoutingAdvisor.Of([Row("triage-bot", "claude-sonnet-4-5", "anthropic", [1_000_000, 100_000, 0, 0, 0], 3_600_000)], policy, Catalog)[0].WhatIfs[0];

        Assert.Equal(1.2m, whatIf.WhatIfUsd);
        Assert.Equal(2.4m, whatIf.SavingUsd);
    }

    [Fact]
    public void PreferredModels_StayPut_OtherMakersAreNeverMoved_AndWhatIfsRankBySaving()
    {
        var policy = Policy(new RoutingRule("review", ["claude-haiku-4-5", "claude-sonnet-4-5", "gpt-5-mini"], 0.5m, 80));
        MixRow[] rows =
        [
            // opus: 100,000 x 15 + 10,000 x 75 = $2.25; haiku $0.15; sonnet $0.45.
            Row("review", "claude-opus-4-1", "anthropic", [100_000, 10_000, 0, 0, 0], 2_250_000),
            Row("review", "claude-sonnet-4-5", "anthropic", [100_000, 10_000, 0, 0, 0], 450_000),
            Row("review", "claude-sonnet-4-5", "anthropic", [100_000, 10_000, 0, 0, 0], 300_000),
        ];

        var advice = Assert.Single(RoutingAdvisor.Of(rows, policy, Catalog));

        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], advice.WhatIfs.Select(w => w.Model));
        Assert.Equal((2.1m, 1.8m), (advice.WhatIfs[0].SavingUsd, advice.WhatIfs[1].SavingUsd));
        Assert.All(advice.WhatIfs, w => Assert.Equal(["claude-opus-4-1"], w.Replaces));
        // $2.25 of $3.00 on a model outside the prefer list.
        Assert.Equal(0.75m, advice.FrontierShare);
        // Tokens: 110,000 on opus, 220,000 on sonnet.
        Assert.Equal([("claude-opus-4-1", 0.3333m, 0.75m), ("claude-sonnet-4-5", 0.6667m, 0.25m)],
            advice.Models.Select(m => (m.Model, m.TokenShare, m.CostShare)));
    }

    [Fact]
    public void WorkflowsWithoutARule_ShowTheirMixOnly_AndACheaperOtherMakerIsNoWhatIf()
    {
        var policy = Policy(new RoutingRule("triage-*", ["gpt-5-mini"], null, 80));

        var advice = RoutingAdvisor.Of(
            [Row("triage-bot", "claude-sonnet-4-5", "anthropic", [1_000, 0, 0, 0, 0], 3_000), Row("lint", "gpt-5", "openai", [1_000, 0, 0, 0, 0], 1_250)],
            policy, Catalog);

        Assert.All(advice, a => Assert.Empty(a.WhatIfs));
        Assert.Null(advice.Single(a => a.Workflow == "lint").Prefer);
        Assert.Equal(1m, advice.Single(a => a.Workflow == "lint").Models.Single().CostShare);
    }

    private static BudgetPolicy Policy(RoutingRule rule) => BudgetPolicy.Empty with { Routing = [rule] };

    private static MixRow Row(string workflow, string model, string provider, long[] t, long costMicros) => new()
    {
        HourMs = Hour, Workflow = workflow, Model = model, Provider = provider, Input = t[0], Output = t[1], CacheRead = t[2],
        CacheWrite5m = t[3], CacheWrite1h = t[4], CostMicros = costMicros,
    };
}
