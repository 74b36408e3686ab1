using BudgetBot.Providers;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Providers;

// The service with both providers' admin APIs faked in-process and the fixture accounts mapped:
// Anthropic engineering -> platform, CI agents -> acme/web (growth); OpenAI payments project -> acme/payments-api.
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string Policy = TestPolicy.Default + """

        providers:
          anthropic:
            workspaces:
              wrkspc_01BudgetBotEngineering: { team: platform }
              wrkspc_01BudgetBotCiAgents: { repo: acme/web }
          openai:
            projects:
              proj_BudgetBotPaymentsApi01: { repo: acme/payments-api }
        """;

    public ProviderHarness(bool withKeys = true, bool split = false)
    {
        Anthropic.Serve("/v1/organizations/usage_report/messages", FakeProviderApi.Fixture("anthropic-usage-report.json"), split);
        Anthropic.Serve("/v1/organizations/cost_report", FakeProviderApi.Fixture("anthropic-cost-report.json"), split);
        OpenAi.Serve("/v1/organization/usage/completions", FakeProviderApi.Fixture("openai-usage-completions.json"), split);
        OpenAi.Serve("/v1/organization/costs", FakeProviderApi.Fixture("openai-costs.json"), split);
        // The hosted scheduler would poll on its own at the top of the hour; the tests poll explicitly.
        var settings = new Dictionary<string, string?> { ["Providers:LookbackDays"] = "10", ["Scheduling:Enabled"] = "false" };
        if (withKeys)
        {
            settings["Providers:Anthropic:AdminKey"] = "sk-ant-admin-test-key";
            settings["Providers:Anthropic:BaseUrl"] = "https://anthropic.test/";
            settings["Providers:OpenAI:AdminKey"] = "sk-admin-openai-test";
        }
        App = new TestApp(Policy, settings)
        {
            ConfigureTestServices = s =>
            {
                s.AddHttpClient<AnthropicReports>().ConfigurePrimaryHttpMessageHandler(() => Anthropic);
                s.AddHttpClient<OpenAiReports>().ConfigurePrimaryHttpMessageHandler(() => OpenAi);
            },
        };
    }

    public TestApp App { get; }

    public FakeProviderApi Anthropic { get; } = new();

    public FakeProviderApi OpenAi { get; } = new();

    public Task PollAsync(string provider) =>
        App.Get<IEnumerable<IScheduledJob>>().Single(j => j.Name == "poll-" + provider)
            .RunAsync(App.Clock.GetUtcNow(), TestContext.Current.CancellationToken);

    // Org spend of one UTC day from the hourly rollups, checked against the events themselves.
    public async Task<decimal> OrgUsdAsync(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var range = new { From = from, To = from + 86_400_000 };
        await using var c = await App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var rollup = await c.ExecuteScalarAsync<long?>("SELECT SUM(cost_micros) FROM spend_rollups WHERE scope = 'org' AND hour_ms >= @From AND hour_ms < @To", range) ?? 0;
        var events = await c.ExecuteScalarAsync<long?>("SELECT SUM(cost_micros) FROM usage_events WHERE occurred_at_ms >= @From AND occurred_at_ms < @To", range) ?? 0;
        Assert.Equal(events, rollup);
        return rollup / 1_000_000m;
    }

    public async Task<IReadOnlyList<(string EventId, long CostMicros, string Team, long Id)>> RemaindersAsync(string provider)
    {
        await using var c = await App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var rows = await c.QueryAsync<(string, long, string, long)>(
            "SELECT event_id, cost_micros, team, id FROM usage_events WHERE source = @Source ORDER BY event_id", new { Source = "reconcile:" + provider });
        return [.. rows];
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
