using BenchmarkDotNet.Attributes;
using BudgetBot.GitHub;

namespace BudgetBot.Benchmarks;

// Time to produce the sticky PR comment for one PR with 10,000 and with 1,000,000 usage events (the
// same 400 runs, 3 workflows and 5 models either way, within the last hour), exactly as the preview
// endpoint and PrCommentWriter do: PrSpendReader.ReadAsync, then PrCommentRenderer.Render. The
// reader reads the PR's pr_unit_spend rows (one per run and model here: 400), so the time follows
// the PR's runs and models, not its events. The render alone is measured too, to show where the time goes.
public class PrCommentBenchmarks
{
    private const string Repo = "acme/api";
    private const int Number = 42;
    private const int Runs = 400;
    private static readonly string[] Workflows = ["claude-review", "codex-fix", "nightly-triage"];

    private BenchHost host = null!;
    private PrSpendReader reader = null!;
    private PrSpend spend = null!;

    [Params(10_000, 1_000_000)]
    public int EventsOfThePr { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var step = TimeSpan.FromHours(1).Ticks / EventsOfThePr;
        // Stored and rolled up exactly as ingestion would (UsageSeeder), in big transactions.
        await UsageSeeder.SeedAsync(host, EventsOfThePr, n => SyntheticUsage.Event("pr", n, now.AddTicks(-step * n)) with
        {
            Repo = Repo, Pr = Number, RunId = (10_000 + (n % Runs)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Workflow = Workflows[(int)(n % Runs % Workflows.Length)],
        });
        reader = host.Get<PrSpendReader>();
        spend = await reader.ReadAsync(Repo, Number, CancellationToken.None);
        var body = PrCommentRenderer.Render(spend);
        // A comment without the marker or the seeded events would time an empty PR.
        if (!body.Contains(PrCommentRenderer.Marker, StringComparison.Ordinal) || spend.Events != EventsOfThePr || spend.Runs.Count != Runs)
        {
            throw new InvalidOperationException($"The rendered comment does not show the seeded spend ({spend.Events} events, {spend.Runs.Count} runs).");
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
