using BudgetBot.Scheduling;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Scheduling;

public sealed class SchedulerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = TestApp.Start;
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-scheduler-");
    private readonly List<TestApp> apps = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Occurrence_RunsOnce_WhenTwoSchedulerInstancesShareTheDatabase()
    {
        var job = new RecordingJob("hourly", "0 * * * *");
        var app = App(job);
        var first = app.Get<Scheduler>();
        var second = ActivatorUtilities.CreateInstance<Scheduler>(app.Services);

        await Task.WhenAll(first.RunDueAsync(Noon), second.RunDueAsync(Noon));
        var results = await Task.WhenAll(first.RunDueAsync(Noon.AddHours(1)), second.RunDueAsync(Noon.AddHours(1)));

        Assert.Equal([Noon, Noon.AddHours(1)], job.Runs);
        Assert.Single(results, r => r.Contains("hourly"));
        Assert.Equal(2, await JobRunsAsync(app, "hourly"));
    }

    [Fact]
    public async Task FailingJob_IsRetriedAtItsNextOccurrence_NotInALoop()
    {
        var job = new RecordingJob("flaky", "0 * * * *") { FailsAt = o => o == Noon.AddHours(1) };
        var app = App(job);
        var scheduler = app.Get<Scheduler>();

        await scheduler.RunDueAsync(Noon);
        await scheduler.RunDueAsync(Noon.AddHours(1));
        await scheduler.RunDueAsync(Noon.AddHours(1).AddMinutes(1));
        await scheduler.RunDueAsync(Noon.AddHours(1).AddMinutes(30));
        await scheduler.RunDueAsync(Noon.AddHours(2));

        Assert.Equal([Noon, Noon.AddHours(1), Noon.AddHours(2)], job.Runs);
        var error = await app.Get<Database>().ReadAsync(c => c.ExecuteScalarAsync<string?>(
            "SELECT error FROM job_runs WHERE job = 'flaky' AND occurrence_ms = @Ms", new { Ms = Noon.AddHours(1).ToUnixTimeMilliseconds() }));
        Assert.Contains("failed on purpose", error);
    }

    [Fact]
    public async Task AfterARestart_OnlyTheLatestMissedOccurrenceRuns_AndOnlyOnce()
    {
        var path = Path.Combine(dir.FullName, "shared.db");
        var before = new RecordingJob("hourly", "0 * * * *");
        await using (var app = new TestApp(settings: Disabled(), databasePath: path) { ConfigureTestServices = s => s.AddSingleton<IScheduledJob>(before) })
        {
            await app.Get<Scheduler>().RunDueAsync(Noon);
        }

        var after = new RecordingJob("hourly", "0 * * * *");
        var restarted = App(after, path);
        var scheduler = restarted.Get<Scheduler>();
        await scheduler.RunDueAsync(Noon.AddHours(5).AddMinutes(30));
        await scheduler.RunDueAsync(Noon.AddHours(5).AddMinutes(45));

        Assert.Equal([Noon], before.Runs);
        Assert.Equal([Noon.AddHours(5)], after.Runs);
    }

    [Fact]
    public async Task JobThatNeverRan_DoesNotCatchUpOnFirstStart()
    {
        var job = new RecordingJob("morning", "0 9 * * *");
        var scheduler = App(job).Get<Scheduler>();

        await scheduler.RunDueAsync(Noon);
        Assert.Empty(job.Runs);

        await scheduler.RunDueAsync(Noon.AddHours(21));
        Assert.Equal([new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)], job.Runs);
    }

    [Fact]
    public async Task NullSchedule_IsNotRun()
    {
        var job = new RecordingJob("off", "", _ => null);
        var scheduler = App(job).Get<Scheduler>();

        await scheduler.RunDueAsync(Noon);
        await scheduler.RunDueAsync(Noon.AddDays(3));

        Assert.Empty(job.Runs);
    }

    [Fact]
    public async Task Schedule_IsReadAgain_AfterThePolicyReloads()
    {
        var job = new RecordingJob("policy-driven", "", p => p.Digest);
        var app = App(job);
        var scheduler = app.Get<Scheduler>();
        await scheduler.RunDueAsync(Noon);

        await File.WriteAllTextAsync(app.PolicyPath, TestPolicy.Default.Replace("digest: \"0 9 * * MON-FRI\"", "digest: \"0 13 * * *\"",
            StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.True(app.Get<BudgetBot.Budgets.PolicyStore>().Reload());
        await scheduler.RunDueAsync(Noon.AddHours(1));

        Assert.Equal([Noon.AddHours(1)], job.Runs);
    }

    [Fact]
    public async Task HostedLoop_RunsTheNextOccurrence_WhenTheFakeClockReachesIt()
    {
        var job = new RecordingJob("hourly", "0 * * * *");
        var app = new TestApp { ConfigureTestServices = s => s.AddSingleton<IScheduledJob>(job) };
        apps.Add(app);
        _ = app.Server;

        // The loop may read the clock between steps, so it runs the latest due hour: some hour after noon.
        for (var i = 0; i < 500 && !job.Runs.Any(r => r > Noon); i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Noon, job.Runs[0]);
        Assert.Contains(job.Runs, r => r > Noon);
        Assert.All(job.Runs, r => Assert.Equal(0, r.Minute));
        Assert.Equal(job.Runs.Distinct().Count(), job.Runs.Count);
    }

    private TestApp App(RecordingJob job, string? databasePath = null)
    {
        var app = new TestApp(settings: Disabled(), databasePath: databasePath) { ConfigureTestServices = s => s.AddSingleton<IScheduledJob>(job) };
        apps.Add(app);
        return app;
    }

    private static Dictionary<string, string?> Disabled() => new() { ["Scheduling:Enabled"] = "false" };

    private static Task<long> JobRunsAsync(TestApp app, string job) =>
        app.Get<Database>().ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_runs WHERE job = @Job", new { Job = job }));
}
