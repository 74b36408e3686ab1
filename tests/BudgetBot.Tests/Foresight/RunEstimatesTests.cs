using BudgetBot.Foresight;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Foresight;

public sealed class RunEstimatesTests
{
    private const long Now = 1_000_000_000_000;

    private static RunCostRow Row(string run, string model, long micros, long lastMs, long? pr = null) =>
        new(run, model, "acme/api", "claude-review", pr, micros, lastMs);

    [Fact]
    public void ARun_IsItsModelsSummed_AndAPrItsRunsSummed()
    {
        var rows = new[]
        {
            Row("a", "claude-sonnet-4-5", 3_000_000, Now - 3_600_000, pr: 7),
            Row("a", "claude-haiku-4-5", 1_000_000, Now - 3_600_000, pr: 7),
            Row("b", "claude-sonnet-4-5", 2_000_000, Now - 3_600_000, pr: 7),
            Row("c", "claude-sonnet-4-5", 5_000_000, Now - 3_600_000),
        };

        var e = RunEstimates.Of("claude-review", "acme/api", 30, rows, Now);

        Assert.Equal((3, 4m, 5m, 5m), (e.Runs.Count, e.Runs.P50Usd, e.Runs.P90Usd, e.Runs.P99Usd));
        Assert.Equal((1, 6m), (e.Prs.Count, e.Prs.P50Usd));
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], e.Models.Select(m => m.Model));
        Assert.Equal((3, 3m), (e.Models[1].Runs.Count, e.Models[1].Runs.P50Usd));
    }

    [Theory]
    [InlineData(RunEstimates.QuietMs, 1)]
    [InlineData(RunEstimates.QuietMs - 1, 0)]
    [InlineData(0, 0)]
    public void ARun_CountsOnceItHasBeenQuiet(long quietFor, int counted)
    {
        // One model of the run went quiet long ago; the run is as recent as its latest usage.
        var rows = new[] { Row("a", "gpt-5", 1_000_000, Now - 86_400_000), Row("a", "gpt-5-mini", 1_000_000, Now - quietFor) };

        Assert.Equal(counted, RunEstimates.Of(null, null, 30, rows, Now).Runs.Count);
    }

    [Fact]
    public void BatchDeltas_GroupByRunAndModel_AndSkipEventsWithoutARun()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now);
        PricedUsage P(string id, string? run, string model, long micros, int minutes, int? pr = null) =>
            new(new UsageEvent { Id = id, Source = "t", OccurredAt = at.AddMinutes(minutes), Model = model, Repo = "acme/api", Workflow = "triage", RunId = run, Pr = pr }, "platform", micros, null, null, false);

        var deltas = RunCostDelta.Of([P("1", "9", "gpt-5", 10, 0), P("2", "9", "gpt-5", 5, 3, pr: 4), P("3", "9", "gpt-5-mini", 1, 1), P("4", null, "gpt-5", 99, 0)]);

        Assert.Equal(2, deltas.Count);
        Assert.Equal(new RunCostDelta("acme/api|triage|9", "gpt-5", "9", "acme/api", "triage", 4, 15, 2, Now, Now + 180_000), deltas[0]);
        Assert.Equal(("gpt-5-mini", 1L), (deltas[1].Model, deltas[1].CostMicros));
    }
}
