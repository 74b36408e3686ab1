namespace BudgetBot.Cli;

// `healthcheck [URL]`: without a URL it asks the quick-start service (`dotnet run`, whose launch profile
// listens on QuickStartUrl's port); the container's HEALTHCHECK passes its own URL, since the ASP.NET
// runtime image has no curl.
internal static class HealthCheckCommand
{
    public const string QuickStartUrl = "http://localhost:5000/healthz";

    public static async Task<int> RunAsync(string url, TextWriter stderr)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }
            await stderr.WriteLineAsync($"unhealthy: {url} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"unhealthy: {url}: {e.Message}");
            return 1;
        }
    }
}
