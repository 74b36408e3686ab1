using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// The ids of fixed exports, byte for byte. A sender retries an export across an upgrade of
// BudgetBot, so the new build must hash every point, window and series to the ids the old one
// stored, or the retry counts twice: any change to how ids are computed fails here first.
public sealed class OtlpIdPinTests : IAsyncLifetime
{
    private const long T0 = 1_772_460_000_000_000_000;
    private const long Second = 1_000_000_000;

    private static readonly List<string> FixtureIds = ["c300dd254b4cc092dd1b880c610c8fff57e9569e5315829a9fca8d5e3d899560", "e7d2946815e39a39c9b34491ad6e53515ef31db26708eed0b12c2a5e14dd9c7c"];

    private static readonly List<string> LayeredIds = ["1a344b7b60153be20ccb6c6ce4731ba09aabf6b53d8a526bbfd0e0684f43fb2f", "370d13cd79266269d389d298e607397fc01477c9a120aa8e071b2bc84724c229", "485e2da442a4cbc6e4115167b2c12e1914f885f718bcc1858c9c014e0d926dbc", "d1271f8be818b7d76bfa5a26a3b35647462acbe79a0f9a4689b630196e9bbe7f", "d8d77fe3ce08d5e9c9ac0bc55754ca0f53a4f8f2683bd3a59456a10b229ae52e"];

    private static readonly List<string> LayeredSeriesKeys = ["0c759eb251ff82d6b045bb00299800359c7d7756c9efda59ebc6cdba5cac1f56", "1b80e7075b96aec12486854a348785375439ff183be2fa191420c01c5b3ae4eb", "6ab4e4a83a73c3542a48def43e83eabb90573e35a62f70de19af66b0fc42f58f", "d276107bb9d62b49159e7afce52a18890ea233ceeda79a629235672957914865", "eefa03f991b7c6ade37bf2ff8f896e317803e093a2513265024aeaffb9736a9a"];

    private static readonly List<string> LogIds = ["107a21e7aa882ace3998de4c5d8105c12445a1e98308a771d356ae059f412759", "14f094a95fbff6bbca61b60c62bb64d5ac2080249fdc85dcd48269d9dc869214"];

    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaudeCodeFixture_HasPinnedIds(bool protobuf)
    {
        await PostMetricsAsync(Fixture("claude-code-otlp-metrics.json"), protobuf);

        Assert.Equal(FixtureIds, await EventIdsAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LayeredCumulativeExport_HasPinnedEventIdsAndSeriesKeys(bool protobuf)
    {
        await PostMetricsAsync(LayeredExport(), protobuf);

        Assert.Equal(LayeredIds, await EventIdsAsync());
        Assert.Equal(LayeredSeriesKeys, (await app.Get<Database>().ReadAsync(c => c.QueryAsync<string>("SELECT series_key FROM otlp_series"))).Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApiRequestLogs_HavePinnedIds(bool protobuf)
    {
        var json = ApiRequestLogs();
        await (protobuf ? client.PostProtobufAsync("/v1/logs", OtlpProto.Logs(json)) : client.PostAsync("/v1/logs", json));

        Assert.Equal(LogIds, await EventIdsAsync());
    }

    private Task<HttpResponseMessage> PostMetricsAsync(string json, bool protobuf) =>
        protobuf ? client.PostProtobufAsync("/v1/metrics", OtlpProto.Metrics(json)) : client.PostAsync("/v1/metrics", json);

    private async Task<List<string>> EventIdsAsync() =>
        (await app.RowsAsync()).Select(r => (string)r.event_id).Order(StringComparer.Ordinal).ToList();

    // Two resources whose points overlay them: a point's value replacing the resource's, an empty one
    // hiding it, keys out of order and differing only by case, non-string values; cumulative, so the
    // series keys are stored, and two collections of one series, so one group has two windows.
    private static string LayeredExport() => new JsonObject
    {
        ["resourceMetrics"] = new JsonArray(
            Resource([Attr("service.name", "claude-code"), Attr("repo", "acme/api"), Attr("team.id", "platform"), Attr("Zone", "eu"), Attr("pr.number", "7")],
                Tokens("s-1", "input", 1000, 1), Tokens("s-1", "output", 200, 1), Tokens("s-1", "input", 3000, 3),
                Tokens("s-1", "output", 500, 3, Attr("team.id", "payments"), Attr("pr.number", ""))),
            Resource([Attr("repo", "acme/web"), IntAttr("retries", 3), DoubleAttr("ratio", 0.25m), Attr("b", "1"), Attr("a", "2")],
                Tokens("s-2", "cacheRead", 40000, 1, Attr("repo", "acme/svc"), Attr("A", "x")), Tokens("s-2", "input", 10, 1, Attr("query_source", "subagent")))),
    }.ToJsonString();

    private static JsonObject Resource(JsonObject[] attributes, params JsonObject[] metrics) => new()
    {
        ["resource"] = new JsonObject { ["attributes"] = new JsonArray([.. attributes]) },
        ["scopeMetrics"] = new JsonArray(new JsonObject
        {
            ["scope"] = new JsonObject { ["name"] = "com.anthropic.claude_code" },
            ["metrics"] = new JsonArray([.. metrics]),
        }),
    };

    private static JsonObject Tokens(string session, string type, decimal value, int seconds, params JsonObject[] extra) => new()
    {
        ["name"] = "claude_code.token.usage",
        ["sum"] = new JsonObject
        {
            ["aggregationTemporality"] = 2,
            ["isMonotonic"] = true,
            ["dataPoints"] = new JsonArray(new JsonObject
            {
                ["attributes"] = new JsonArray([Attr("type", type), Attr("session.id", session), Attr("model", Sonnet), .. extra]),
                ["startTimeUnixNano"] = T0.ToString(CultureInfo.InvariantCulture),
                ["timeUnixNano"] = (T0 + seconds * Second).ToString(CultureInfo.InvariantCulture),
                ["asDouble"] = value,
            }),
        },
    };
}
