using System.Net.Http.Headers;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetBot.Benchmarks;

// (a) Events per second through POST /api/usage in batches of 500, against the ceiling: the same
// rows in a plain batched Dapper insert into a second database of the same schema, one transaction
// per batch. Every event is new: ids come from a counter that never repeats within a run.
// History = true first posts 28 days of usage (56 batches), so every batch's forecasts read rollups
// with history, and its anomaly checks judge each run against a baseline of finished runs (issue 13:
// estimates, forecasts and anomaly checks on, still at least 0.3 of the ceiling).
[Config(typeof(IngestConfig))]
[InvocationCount(InvocationsPerIteration)]
public class IngestBenchmarks
{
    public const int Batch = 500;
    private const int InvocationsPerIteration = 16;

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private BenchHost host = null!;
    private SqliteConnection ceiling = null!;
    private DateTimeOffset now;
    private long next;
    private long posted;
    private Queue<byte[]> payloads = new();
    private Queue<IReadOnlyList<UsageRow>> rows = new();

    [Params(false, true)]
    public bool History { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        now = TimeProvider.System.GetUtcNow();
        var ceilingDb = new Database(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(host.Directory, "ceiling.db")}" });
        await new Migrator(ceilingDb, NullLogger<Migrator>.Instance).MigrateAsync(TimeProvider.System);
        ceiling = (SqliteConnection)await ceilingDb.OpenAsync();

        // One batch each way before measuring, checked, so a broken path cannot pass as a fast one.
        using var response = await host.Http.PostAsync("/api/usage", Content(Payload()));
        var result = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IngestResponse>();
        posted = Batch;
        if (result?.Accepted != Batch)
        {
            throw new InvalidOperationException($"Expected {Batch} accepted events, got {result?.Accepted}.");
        }
        if (InsertBatch(Rows()) != Batch)
        {
            throw new InvalidOperationException("The ceiling insert did not store the whole batch.");
        }
        if (History)
        {
            await PostHistoryAsync();
        }
    }

    [IterationSetup]
    public void PrepareIteration()
    {
        // Built outside the measured calls: the figure is the server's, not the client's JSON writer.
        payloads = new Queue<byte[]>(Enumerable.Range(0, InvocationsPerIteration).Select(_ => Payload()));
        rows = new Queue<IReadOnlyList<UsageRow>>(Enumerable.Range(0, InvocationsPerIteration).Select(_ => Rows()));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "Dapper batched insert (ceiling)")]
    public int DapperInsert() => InsertBatch(rows.TryDequeue(out var r) ? r : Rows());

    [Benchmark(OperationsPerInvoke = Batch, Description = "POST /api/usage")]
    public async Task PostUsage()
    {
        using var content = Content(payloads.TryDequeue(out var p) ? p : Payload());
        using var response = await host.Http.PostAsync("/api/usage", content);
        response.EnsureSuccessStatusCode();
        posted += Batch;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // Every posted event must have been stored as new, or the figure is not about ingestion.
        await using (var c = await host.Get<Database>().OpenAsync())
        {
            var stored = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events;");
            Console.WriteLine($"// usage_events: {stored} stored of {posted} posted");
            if (stored != posted)
            {
                throw new InvalidOperationException($"Posted {posted} events but {stored} are stored.");
            }
        }
        await ceiling.DisposeAsync();
        await host.DisposeAsync();
    }

    // 28 days before now, 1,000 events a day (40 runs of 25, ids apart from the measured ones): finished
    // runs and whole days of rollups.
    private async Task PostHistoryAsync()
    {
        const int days = 28;
        for (var b = 0; b < days * 2; b++)
        {
            var day = now.AddDays(-days + (b / 2));
            var events = Enumerable.Range(0, Batch)
                .Select(i => SyntheticUsage.Event("history", 1_000_000_000L + (b * (long)Batch) + i, day.AddSeconds(-(i * 60L % 43_200))))
                .ToList();
            using var response = await host.Http.PostAsync("/api/usage", Content(SyntheticUsage.Json(events)));
            response.EnsureSuccessStatusCode();
            posted += Batch;
        }
    }

    private int InsertBatch(IReadOnlyList<UsageRow> batch)
    {
        using var tx = ceiling.BeginTransaction(deferred: false);
        var stored = ceiling.Execute(UsageStore.Insert.Sqlite, batch, tx);
        tx.Commit();
        return stored;
    }

    private List<UsageEvent> Events()
    {
        var first = next;
        next += Batch;
        // Recent usage, as a reporter sends it: spread over the last two hours.
        return Enumerable.Range(0, Batch)
            .Select(i => SyntheticUsage.Event("ingest", first + i, now.AddSeconds(-((first + i) % 7200))))
            .ToList();
    }

    private byte[] Payload() => SyntheticUsage.Json(Events());

    private List<UsageRow> Rows()
    {
        var catalog = host.Get<PriceCatalogProvider>().Current;
        var policy = host.Get<IPolicyProvider>().Current;
        var receivedAt = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        return Events().Select(e => UsageRow.From(UsagePricer.Price(e, catalog, policy), receivedAt)).ToList();
    }

    private static ByteArrayContent Content(byte[] payload) => new(payload) { Headers = { ContentType = JsonType } };

    private sealed record IngestResponse(int Accepted, int Duplicates);
}
