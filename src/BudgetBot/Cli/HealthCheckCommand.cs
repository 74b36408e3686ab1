namespace BudgetBot.Cli;

// The container's HEALTHCHECK: the ASP.NET runtime image has no curl, so the executable asks itself.
internal static class HealthCheckCommand
{
    public static async Task<int> RunAsync(string? url, TextWriter stderr)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url ?? "http://127.0.0.1:8080/healthz");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync("unhealthy: " + e.Message);
            return 1;
        }
    }
}
