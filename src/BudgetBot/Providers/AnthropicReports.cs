using Microsoft.Extensions.Options;

namespace BudgetBot.Providers;

// Typed HttpClient for Anthropic's Admin API usage and cost reports. The key travels only in the
// x-api-key header, set per request, and is never logged.
internal sealed class AnthropicReports(HttpClient http, IOptionsMonitor<ProviderApiOptions> options) : IProviderReports
{
    private const string Version = "2023-06-01";

    public string Provider => "anthropic";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Options.AdminKey);

    private ProviderApiOptions Options => options.Get(ProviderApiOptions.Anthropic);

    public async Task<ProviderReport> FetchAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        Prepare();
        var span = $"starting_at={ReportJson.Rfc3339(from)}&ending_at={ReportJson.Rfc3339(toExclusive)}&bucket_width=1d&limit=31";
        var usage = await ReportPager.GetAllAsync(http, Provider,
            $"v1/organizations/usage_report/messages?{span}&group_by[]=model&group_by[]=workspace_id", ct);
        var costs = await ReportPager.GetAllAsync(http, Provider,
            $"v1/organizations/cost_report?{span}&group_by[]=workspace_id&group_by[]=description", ct);
        return new ProviderReport(Provider, [.. AnthropicReportParser.Usage(usage)], [.. AnthropicReportParser.Costs(costs)]);
    }

    private void Prepare()
    {
        var o = Options;
        http.BaseAddress = o.BaseUrl ?? ProviderApiOptions.DefaultBaseUrl(ProviderApiOptions.Anthropic);
        http.DefaultRequestHeaders.Remove("x-api-key");
        http.DefaultRequestHeaders.Add("x-api-key", o.AdminKey);
        http.DefaultRequestHeaders.Remove("anthropic-version");
        http.DefaultRequestHeaders.Add("anthropic-version", Version);
    }
}
