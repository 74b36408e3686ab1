using BenchmarkDotNet.Attributes;
using BudgetBot.GitHub;
using BudgetBot.Usage;

namespace BudgetBot.Benchmarks;

// Time to produce the sticky PR comment for one PR with 10,000 usage events (400 runs, 3 workflows,
// 5 models), exactly as the preview endpoint and PrCommentWriter do: PrSpendReader.ReadAsync, then
// PrCommentRenderer.Render. The render alone is measured too, to show where the time goes.
public class PrCommentBenchmarks
{
    private const string Repo = "acme/api";
    private const int Number = 42;
    private const int Events = 10_000;
    private const int Batch = 500;

    private BenchHost host = null!;
    private PrSpendReader reader = null!;
    private PrSpend spend = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        var ingestor = host.Get<UsageIngestor>();
        var now = TimeProvider.System.GetUtcNow();
        // Through the one write path, in HTTP-sized batches; spread over the last 10,000 seconds.
        for (var from = 0; from < Events; from += Batch)
        {
            var batch = Enumerable.Range(from, Batch)
                .Select(n => SyntheticUsage.Event("pr", n, now.AddSeconds(-n)) with { Repo = Repo, Pr = Number })
                .ToList();
            var result = await ingestor.IngestAsync(batch);
            if (result.Accepted != Batch)
            {
                throw new InvalidOperationException($"Expected {Batch} accepted events, got {result.Accepted}.");
            }
        }
        reader = host.Get<PrSpendReader>();
        spend = await reader.ReadAsync(Repo, Number, CancellationToken.None);
        var body = PrCommentRenderer.Render(spend);
        // A comment without the marker or the seeded runs would time an empty PR.
        if (!body.Contains(PrCommentRenderer.Marker, StringComparison.Ordinal) || !body.Contains("claude-review", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The rendered comment does not show the seeded spend.");
        }
        Console.WriteLine($"// comment: {body.Length} characters");
    }

    [Benchmark(Baseline = true, Description = "PrSpendReader.ReadAsync + PrCommentRenderer.Render")]
    public async Task<string> ReadAndRender() =>
        PrCommentRenderer.Render(await reader.ReadAsync(Repo, Number, CancellationToken.None));

    [Benchmark(Description = "PrCommentRenderer.Render only")]
    public string RenderOnly() => PrCommentRenderer.Render(spend);

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();
}
