using BudgetBot.Scheduling;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Scheduling;

// Cronos owns the DST rules; these pin that the scheduler keeps them: a local time skipped in spring
// runs once at the shifted instant, a local time repeated in autumn runs once.
public sealed class SchedulerDstTests
{
    private static readonly string BerlinPolicy = TestPolicy.Default.Replace("timezone: UTC", "timezone: Europe/Berlin", StringComparison.Ordinal);

    [Theory]
    [InlineData("2026-03-28T00:00:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z")] // 02:30 CET, then 02:30 skipped → 03:00 CEST
    [InlineData("2026-10-24T00:00:00Z", "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z")] // 02:30 CEST, then 02:30 twice → once
    public async Task DailyJob_RunsOncePerDay_AcrossDstChanges(string from, string firstRun, string secondRun)
    {
        var job = new RecordingJob("nightly", "30 2 * * *");
        var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        await using var app = new TestApp(BerlinPolicy, new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" })
        {
            ConfigureTestServices = s => s.AddSingleton<IScheduledJob>(job),
        };
        var scheduler = app.Get<Scheduler>();

        for (var now = start; now <= start.AddDays(2); now = now.AddMinutes(15))
        {
            await scheduler.RunDueAsync(now, TestContext.Current.CancellationToken);
        }

        Assert.Equal(
            [DateTimeOffset.Parse(firstRun, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(secondRun, System.Globalization.CultureInfo.InvariantCulture)],
            job.Runs.Take(2));
        Assert.Equal(2, job.Runs.Count);
    }
}
