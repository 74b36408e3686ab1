using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace BudgetBot.Providers;

// Typed HttpClient for OpenAI's organization usage (completions) and costs APIs; Bearer admin key.
internal sealed class OpenAiReports(HttpClient http, IOptionsMonitor<ProviderApiOptions> options) : IProviderReports
{
    public string Provider => "openai";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Options.AdminKey);

    private ProviderApiOptions Options => options.Get(ProviderApiOptions.OpenAi);

    public async Task<ProviderReport> FetchAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var o = Options;
        http.BaseAddress = o.BaseUrl ?? ProviderApiOptions.DefaultBaseUrl(ProviderApiOptions.OpenAi);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.AdminKey);
        var span = $"start_time={ReportJson.UnixSeconds(from)}&end_time={ReportJson.UnixSeconds(toExclusive)}&bucket_width=1d&limit=31";
        var usage = await ReportPager.GetAllAsync(http, Provider,
            $"v1/organization/usage/completions?{span}&group_by=project_id&group_by=model&group_by=batch", ct);
        var costs = await ReportPager.GetAllAsync(http, Provider,
            $"v1/organization/costs?{span}&group_by=project_id&group_by=line_item", ct);
        return new ProviderReport(Provider, [.. OpenAiReportParser.Usage(usage)], [.. OpenAiReportParser.Costs(costs)]);
    }
}
