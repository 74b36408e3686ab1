using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Cli;

// The executable as a user runs it, in the directory the user stands in: file arguments, the policy
// file and the database are found there, and the file found is the one watched.
public sealed class QuickStartTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-quickstart-");

    private static string SamplePolicy => File.ReadAllText(Path.Combine(RepoRoot.Find(), "budgetbot.policy.yaml"));

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public async Task PolicyCheck_ReadsARelativeFile_FromTheDirectoryItIsTypedIn()
    {
        Directory.CreateDirectory(Path.Combine(dir.FullName, "conf"));
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "conf", "p.yaml"), SamplePolicy, TestContext.Current.CancellationToken);
        using var check = ChildProcess.BudgetBot(dir.FullName, "policy", "check", "conf/p.yaml");

        Assert.Equal(0, await check.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("policy OK: 1 team, 2 budgets", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_ReadsAndWatchesThePolicyFileWhereItRuns_AndKeepsItsDatabaseThere()
    {
        var policy = Path.Combine(dir.FullName, "budgetbot.policy.yaml");
        await File.WriteAllTextAsync(policy, SamplePolicy, TestContext.Current.CancellationToken);
        using var create = ChildProcess.BudgetBot(dir.FullName, "tokens", "create", "--name", "me", "--scopes", "read");
        Assert.Equal(0, await create.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.True(File.Exists(Path.Combine(dir.FullName, "budgetbot.db")));
        var port = ChildProcess.FreePort();
        // The gRPC port on any free one, not 4317: a collector on this machine, or a second run of the
        // suite, may hold that (a loaded run failed here on "address already in use").
        using var service = ChildProcess.BudgetBot(dir.FullName, $"--urls=http://127.0.0.1:{port}", "--Otlp:GrpcPort=0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", create.Out.TrimEnd().Split('\n')[^1].Trim());
        await WaitUntilAsync(async () => (await TryGetAsync(http, "/healthz")) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), service);
        Assert.Equal(5000m, await PlatformLimitAsync(http));

        await File.WriteAllTextAsync(policy, SamplePolicy.Replace("amountUsd: 5000", "amountUsd: 7000", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var edited = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await PlatformLimitAsync(http) == 7000m, TimeSpan.FromSeconds(5), service);

        Assert.InRange(edited.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task BadPolicy_AtStartUp_ListsItsErrors_AndExitsWith1_WithoutAStackTrace()
    {
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "budgetbot.policy.yaml"),
            "timezone: Nowhere/Atlantis\nbudgets:\n  - id: x\n    scope: org\n    amountUsd: -1\n    period: \"0 0 1 * *\"\n", TestContext.Current.CancellationToken);
        using var service = ChildProcess.BudgetBot(dir.FullName, $"--urls=http://127.0.0.1:{ChildProcess.FreePort()}");

        Assert.Equal(1, await service.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("has 2 errors", service.Err, StringComparison.Ordinal);
        Assert.Contains("line 1: timezone \"Nowhere/Atlantis\"", service.Err, StringComparison.Ordinal);
        Assert.Contains("line 5:", service.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Out + service.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", service.Out + service.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPolicy_AtStartUp_SaysWhereItLooked_AndExitsWith1()
    {
        using var service = ChildProcess.BudgetBot(dir.FullName, $"--urls=http://127.0.0.1:{ChildProcess.FreePort()}");

        Assert.Equal(1, await service.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"looked for {Path.Combine(dir.FullName, "budgetbot.policy.yaml")}", service.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Out + service.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidConfiguration_AtStartUp_ListsEveryError_AndExitsWith1()
    {
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "budgetbot.policy.yaml"), SamplePolicy, TestContext.Current.CancellationToken);
        using var service = ChildProcess.BudgetBot(dir.FullName, $"--urls=http://127.0.0.1:{ChildProcess.FreePort()}", "--GitHub:WebhookSecret=s");

        Assert.Equal(1, await service.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("The configuration is not valid:", service.Err, StringComparison.Ordinal);
        Assert.Contains("GitHub:AppId must be a positive number", service.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Out + service.Err, StringComparison.Ordinal);
    }

    private static async Task<decimal> PlatformLimitAsync(HttpClient http)
    {
        var budgets = await http.GetFromJsonAsync<JsonElement>("/api/budgets", TestContext.Current.CancellationToken);
        return budgets.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "platform").GetProperty("limitUsd").GetDecimal();
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, ChildProcess service)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"not within {timeout}; service output:\n{service.Out}\n{service.Err}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
