using System.Globalization;
using System.Net.Http.Headers;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// The dashboard in a real headless Chromium (Debian's chromium and chromium-driver) against the
// service on a real loopback port. Selenium is pointed at both executables, so nothing is downloaded.
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private const string Install = "apt-get install -y chromium chromium-driver";

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-browser-");
    private WebApplication? app;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task SignIn_OpenEachPage_ReadABudget_ChangeAFilter()
    {
        var present = File.Exists(Chromium) && File.Exists(ChromeDriver);
        if (!present && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"Chromium is missing on CI: {Install}");
        }
        Assert.SkipUnless(present, $"Chromium is not installed; to run the browser test: {Install}");
        var (address, token) = await StartAsync();

        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        // A click that submits a form or follows a link may return before the next page has loaded,
        // so each step waits for what it leads to (a loaded machine showed the old page's heading).
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));

        driver.Navigate().GoToUrl(address + "/dashboard");
        Assert.Contains("/dashboard/signin", driver.Url, StringComparison.Ordinal);
        driver.FindElement(By.Id("token")).SendKeys(token);
        driver.FindElement(By.Id("signin")).Click();

        wait.Until(d => d.Url == address + "/dashboard");
        Assert.Equal("$42.50", driver.FindElement(By.CssSelector("[data-budget='review-agents'] .spent")).Text);
        foreach (var (link, heading) in new[]
        {
            ("Spend over time", "Spend over time"), ("Units of work", "Units of work"), ("Pull requests", "Pull requests"),
            ("Requests and allowances", "Requests and allowances"), ("Overview", "Budgets"),
        })
        {
            driver.FindElement(By.LinkText(link)).Click();
            Assert.Equal(heading, wait.Until(d => d.FindElement(By.TagName("h1")).Text == heading ? heading : null));
        }
        driver.FindElement(By.LinkText("review-agents")).Click();
        Assert.Equal("80%, 100%", wait.Until(d => d.FindElement(By.Id("thresholds")).Text));

        driver.Navigate().GoToUrl(address + "/dashboard/spend");
        var groupBy = driver.FindElement(By.Name("groupBy"));
        groupBy.Clear();
        groupBy.SendKeys("workflow");
        driver.FindElement(By.Id("apply")).Click();
        wait.Until(d => d.Url.Contains("groupBy=workflow", StringComparison.Ordinal));
        var keys = driver.FindElements(By.CssSelector("#spend-table tbody td:first-child")).Select(e => e.Text).ToList();
        Assert.Equal(["claude-review", "codex"], keys);

        driver.FindElement(By.CssSelector("header form button")).Click();
        wait.Until(d => d.Url == address + "/dashboard/signin");
        driver.Navigate().GoToUrl(address + "/dashboard");
        Assert.Contains("/dashboard/signin", driver.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-30T00:02:00Z", "2026-11-30T00:00:00Z")] // a Monday, just after the weekly reset
    [InlineData("2026-12-01T01:50:00Z", "2026-12-01T01:45:00Z")]
    [InlineData("2026-12-06T23:59:00Z", "2026-12-06T23:54:00Z")] // a Sunday
    public void UsageTime_StaysInTheWeekTheTestReadsBack(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture),
            RecentInThisWeek(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));

    private async Task<(string Address, string Token)> StartAsync()
    {
        var policy = Path.Combine(dir.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policy, TestPolicy.Default, TestContext.Current.CancellationToken);
        app = Program.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--Otlp:GrpcPort=",
            $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(dir.FullName, "browser.db")}",
            $"--Policy:Path={policy}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        // localhost, not 127.0.0.1: Chromium keeps Secure cookies over plain HTTP only for localhost.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var tokens = app.Services.GetRequiredService<ApiTokenStore>();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.CreateAsync("ingest", [Scopes.Ingest]));
        var at = RecentInThisWeek(DateTimeOffset.UtcNow).ToString("O", CultureInfo.InvariantCulture);
        var response = await client.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: at).With("costUsd", 30).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review"),
            Event("b", occurredAt: at).With("costUsd", 12.5).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review"),
            Event("c", occurredAt: at).With("costUsd", 4).With("repo", "acme/web").With("workflow", "codex")));
        response.EnsureSuccessStatusCode();
        return (address, await tokens.CreateAsync("lead", [Scopes.Read]));
    }

    // A few minutes ago, but never before this week's Monday (UTC): review-agents resets weekly, so a
    // run just after midnight on a Monday must not put the usage it reads back in the week before.
    internal static DateTimeOffset RecentInThisWeek(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return now.AddMinutes(-5) > monday ? now.AddMinutes(-5) : monday;
    }
}
