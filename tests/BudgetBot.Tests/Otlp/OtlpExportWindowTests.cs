using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// Issue 11 part 5: Claude Code's cost point and its token points are one request whatever start (or
// end) time the SDK stamped on each series. The JavaScript SDK stamps a new series with the
// millisecond it was first recorded, so the cost and the tokens of one request can be 1 ms apart.
public sealed class OtlpExportWindowTests : IAsyncLifetime
{
    private const long T0 = 1_772_460_000_000_000_000;
    private const long Ms = 1_000_000;
    private const long Minute = 60_000 * Ms;

    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task CostAndTokens_WithStartTimesOneMillisecondApart_AreOneRequest_CountedOnce(int temporality)
    {
        // The cost was added first, the tokens in the next millisecond.
        var export = Export(temporality, costStart: T0, tokenStart: T0 + Ms, time: T0 + Minute, scale: 1);

        await client.PostAsync("/v1/metrics", export);
        await client.PostAsync("/v1/metrics", export, gzip: true);

        Assert.Equal(1, await app.CountAsync());
        Assert.Equal(0.760575m, await app.SpentAsync());
        var row = Assert.Single(await app.RowsAsync());
        Assert.Equal((18420L, 9850L, 1204800L, 52300L), ((long)row.input_tokens, (long)row.output_tokens, (long)row.cache_read_tokens, (long)row.cache_write_5m_tokens));
    }

    [Fact]
    public async Task CumulativeSeries_WithStartTimesApart_CountClaudeCodesOwnCost_ExportAfterExport()
    {
        // Three collections of one process: the cumulative totals after one, two and three requests.
        for (var n = 1; n <= 3; n++)
        {
            var export = Export(2, costStart: T0, tokenStart: T0 + Ms, time: T0 + n * Minute, scale: n);
            await client.PostAsync("/v1/metrics", export);
            await client.PostAsync("/v1/metrics", export);
        }

        Assert.Equal(3, await app.CountAsync());
        Assert.Equal(3 * 0.760575m, await app.SpentAsync());
    }

    [Fact]
    public async Task CostAndTokens_WithEndTimesOneMillisecondApart_AreOneRequest()
    {
        // The .NET SDK stamps each metric's end time when it collects that metric.
        var export = Metrics(1,
            ("claude_code.cost.usage", [Point(0.760575m, T0, T0 + Minute, null)]),
            ("claude_code.token.usage", Tokens(T0, T0 + Minute + Ms, 1)));

        await client.PostAsync("/v1/metrics", export);

        Assert.Equal(1, await app.CountAsync());
        Assert.Equal(0.760575m, await app.SpentAsync());
    }

    [Fact]
    public async Task TwoCollectionsInOneExport_AreTwoRequests()
    {
        // A Collector batching two of Claude Code's exports: the same series twice is two windows.
        var export = Metrics(1,
            ("claude_code.cost.usage", [Point(0.760575m, T0, T0 + Minute, null), Point(0.760575m, T0 + Minute, T0 + 2 * Minute, null)]),
            ("claude_code.token.usage", [.. Tokens(T0 + Ms, T0 + Minute, 1), .. Tokens(T0 + Minute, T0 + 2 * Minute, 1)]));

        await client.PostAsync("/v1/metrics", export);

        Assert.Equal(2, await app.CountAsync());
        Assert.Equal(2 * 0.760575m, await app.SpentAsync());
    }

    private static string Export(int temporality, long costStart, long tokenStart, long time, int scale) => Metrics(temporality,
        ("claude_code.cost.usage", [Point(0.760575m * scale, costStart, time, null)]),
        ("claude_code.token.usage", Tokens(tokenStart, time, scale)));

    private static JsonObject[] Tokens(long start, long time, int scale) =>
    [
        Point(18420 * scale, start, time, "input"), Point(9850 * scale, start, time, "output"),
        Point(1204800 * scale, start, time, "cacheRead"), Point(52300 * scale, start, time, "cacheCreation"),
    ];

    private static JsonObject Point(decimal value, long startNanos, long timeNanos, string? type) => new()
    {
        ["attributes"] = new JsonArray([Attr("session.id", Session), Attr("model", Sonnet), Attr("query_source", "main"), .. type is null ? Array.Empty<JsonObject>() : [Attr("type", type)]]),
        ["startTimeUnixNano"] = startNanos.ToString(CultureInfo.InvariantCulture),
        ["timeUnixNano"] = timeNanos.ToString(CultureInfo.InvariantCulture),
        ["asDouble"] = value,
    };
}
