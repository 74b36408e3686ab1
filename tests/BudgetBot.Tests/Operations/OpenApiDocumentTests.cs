using System.Text.Json;
using BudgetBot.Preflight;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Operations;

// /openapi/v1.json as a client generator reads it: every /api route with its body, its answers and
// its security, and the two routes a CI job calls described well enough to call them.
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    // The webhook is signed with the GitHub App's secret, not a bearer token.
    private const string Webhook = "/api/github/webhooks";

    private readonly TestApp app = new();
    private JsonElement doc;

    public async ValueTask InitializeAsync() => doc = await app.CreateClient().GetJsonAsync("/openapi/v1.json");

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static readonly (string Path, string Method)[] Listed =
    [
        ("/api/usage", "post"),
        ("/api/preflight", "post"),
        ("/api/budgets", "get"),
        ("/api/budgets/{id}", "get"),
        ("/api/reports/spend.csv", "get"),
        ("/api/reports/reconciliation", "get"),
        ("/api/reports/spend-series.csv", "get"),
        ("/api/audit", "get"),
        ("/api/estimates", "get"),
        ("/api/routing", "get"),
        ("/api/units", "get"),
        ("/api/pulls/{owner}/{repo}/{number}", "get"),
        ("/api/pulls/{owner}/{repo}/{number}/comment", "get"),
        (Webhook, "post"),
    ];

    public static TheoryData<string, string> ApiOperations() => new(Listed);

    [Fact]
    public void EveryApiRoute_IsListedHere()
    {
        var listed = Listed.ToHashSet();
        var documented = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name)))
            .ToHashSet();
        Assert.Equal(listed.Order(), documented.Order());
    }

    [Theory]
    [MemberData(nameof(ApiOperations))]
    public void ApiRoute_HasASuccessSchema_AndProblemDetailsForEveryError(string path, string method)
    {
        var operation = Operation(path, method);
        Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
        var responses = operation.GetProperty("responses").EnumerateObject().ToList();
        var success = Assert.Single(responses, r => r.Name.StartsWith('2'));
        if (success.Name != "202")
        {
            var content = Assert.Single(success.Value.GetProperty("content").EnumerateObject());
            Assert.True(content.Value.TryGetProperty("schema", out _), $"{method} {path} {success.Name} has no schema");
        }
        var errors = responses.Where(r => r.Name[0] is '4' or '5').ToList();
        Assert.Contains(errors, r => r.Name is "400" or "401" or "503");
        foreach (var error in errors)
        {
            var schema = error.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.Equal("#/components/schemas/ProblemDetails", schema.GetProperty("$ref").GetString());
        }
        if (method == "post")
        {
            var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.True(body.TryGetProperty("schema", out _), $"{method} {path} has no request schema");
            Assert.Contains(errors, r => r.Name == "400");
            Assert.Contains(errors, r => r.Name == "413");
        }
    }

    [Theory]
    [MemberData(nameof(ApiOperations))]
    public void ApiRoute_NeedsTheBearerScheme_WithItsScope_AndDescribes401And403(string path, string method)
    {
        var operation = Operation(path, method);
        if (path == Webhook)
        {
            Assert.False(operation.TryGetProperty("security", out _));
            Assert.Contains("X-Hub-Signature-256", operation.GetProperty("summary").GetString());
            return;
        }
        var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
        var scopes = requirement.GetProperty("bearer").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal([method == "post" ? "ingest" : "read"], scopes);
        var codes = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("401", codes);
        Assert.Contains("403", codes);
    }

    [Fact]
    public void BearerScheme_IsAComponent()
    {
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public void PostUsage_TakesOneEventOrABatch_WithEveryFieldTheReaderKnows()
    {
        var schema = Operation("/api/usage", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var choices = schema.GetProperty("oneOf").EnumerateArray().ToList();
        Assert.Equal(2, choices.Count);
        var one = Resolve(choices[0]);
        var batch = choices[1];
        Assert.Equal(["events"], batch.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var events = batch.GetProperty("properties").GetProperty("events");
        Assert.Equal("array", events.GetProperty("type").GetString());
        Assert.Equal(UsageEventReader.MaxBatch, events.GetProperty("maxItems").GetInt32());
        Assert.Equal(choices[0].GetProperty("$ref").GetString(), events.GetProperty("items").GetProperty("$ref").GetString());

        Assert.Equal(UsageEventReader.Known.Order(), Properties(one).Order());
        Assert.Equal(["id", "model", "occurredAt", "source"], one.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order());
        // The README's example event, field by field, with the types a client must send.
        string[] readme = ["id", "source", "occurredAt", "model", "inputTokens", "outputTokens", "cacheReadTokens", "cacheWrite5mTokens",
            "repo", "pr", "branch", "runId", "workflow", "costUsd"];
        Assert.Subset(Properties(one).ToHashSet(), readme.ToHashSet());
        var fields = one.GetProperty("properties");
        Assert.Equal("date-time", fields.GetProperty("occurredAt").GetProperty("format").GetString());
        Assert.Equal("integer", fields.GetProperty("inputTokens").GetProperty("type").GetString());
        Assert.Contains("number", Types(fields.GetProperty("costUsd")));
        Assert.Contains("integer", Types(fields.GetProperty("pr")));

        var answer = Resolve(Json200(Operation("/api/usage", "post")));
        Assert.Equal(["accepted", "duplicates"], Properties(answer).Order());
        Assert.Equal("integer", answer.GetProperty("properties").GetProperty("accepted").GetProperty("type").GetString());
    }

    [Fact]
    public void PostPreflight_DescribesTheReadmeRequestAndDecision()
    {
        var request = Resolve(Operation("/api/preflight", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(PreflightRequest.Known.Order(), Properties(request).Order());
        Assert.Equal(["estimateUsd", "experiment", "pr", "repo", "runId", "team", "workflow"], Properties(request).Order());
        Assert.False(request.TryGetProperty("required", out _), "every pre-flight field is optional");
        Assert.Contains("number", Types(request.GetProperty("properties").GetProperty("estimateUsd")));

        var decision = Resolve(Json200(Operation("/api/preflight", "post")));
        Assert.Equal(["allowed", "budgets", "estimate", "reason", "reservationId", "suggestedModel"], Properties(decision).Order());
        Assert.Equal("boolean", decision.GetProperty("properties").GetProperty("allowed").GetProperty("type").GetString());
        var budget = Resolve(decision.GetProperty("properties").GetProperty("budgets").GetProperty("items"));
        Assert.Equal(["id", "remainingUsd", "state"], Properties(budget).Order());
    }

    [Fact]
    public void BudgetStatus_HasTheReadmeFields()
    {
        var status = Resolve(Json200(Operation("/api/budgets/{id}", "get")));
        Assert.Subset(Properties(status).ToHashSet(), new HashSet<string>
        {
            "limitUsd", "grantedUsd", "spentUsd", "reservedUsd", "remainingUsd", "percentUsed", "projectedUsd", "state", "unpricedEvents",
            "periodStart", "periodEnd", "resetsAt", "forecastUsd", "exhaustsAt",
        });
        var list = Json200(Operation("/api/budgets", "get"));
        Assert.Equal("array", list.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Webhook_IsDescribedTheSame_WhenGitHubIsConfigured()
    {
        await using var configured = GitHubTestApp.Create();
        var webhook = (await configured.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("paths").GetProperty(Webhook).GetProperty("post");
        Assert.Equal(Operation(Webhook, "post").GetRawText(), webhook.GetRawText());
    }

    [Theory]
    [InlineData("/v1/metrics", "rejectedDataPoints")]
    [InlineData("/v1/logs", "rejectedLogRecords")]
    [InlineData("/v1/traces", "rejectedSpans")]
    public void OtlpRoute_DescribesItsJsonAndProtobufAnswers(string path, string rejected)
    {
        var operation = Operation(path, "post");
        Assert.Equal(["ingest"], Assert.Single(operation.GetProperty("security").EnumerateArray()).GetProperty("bearer").EnumerateArray().Select(s => s.GetString()));
        var responses = operation.GetProperty("responses");
        var ok = responses.GetProperty("200").GetProperty("content");
        var answer = Resolve(ok.GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["partialSuccess"], Properties(answer));
        var partial = Resolve(NonNull(answer.GetProperty("properties").GetProperty("partialSuccess")));
        Assert.Equal([rejected, "errorMessage"], Properties(partial).ToArray());
        Assert.True(ok.GetProperty("application/x-protobuf").TryGetProperty("schema", out _), $"{path} 200 has no protobuf schema");
        foreach (var status in (string[])["400", "415"])
        {
            var content = responses.GetProperty(status).GetProperty("content");
            Assert.Equal("#/components/schemas/ProblemDetails", content.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            var rpcStatus = Resolve(content.GetProperty("application/x-protobuf").GetProperty("schema"));
            Assert.Equal(["code", "message"], Properties(rpcStatus).Order());
        }
    }

    private JsonElement Operation(string path, string method) => doc.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement Json200(JsonElement operation) =>
        operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;

    // A nullable object property is a choice of null and the object's schema.
    private static JsonElement NonNull(JsonElement schema)
    {
        foreach (var choice in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                return options.EnumerateArray().Single(o => o.TryGetProperty("$ref", out _) || o.TryGetProperty("properties", out _));
            }
        }
        return schema;
    }

    private static IEnumerable<string> Properties(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string?> Types(JsonElement schema) =>
        schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } many ? many.EnumerateArray().Select(t => t.GetString()) : [schema.GetProperty("type").GetString()];
}
