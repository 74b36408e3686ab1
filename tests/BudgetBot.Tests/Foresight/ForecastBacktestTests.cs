using System.Globalization;
using System.Text.Json;
using BudgetBot.Foresight;

namespace BudgetBot.Tests.Foresight;

// The backtest of docs/decisions/forecast-method.md and docs/forecast.md: at mid-period, how far each
// method's end-of-period figure is from what the period really spent (mean absolute error), over
// seeded synthetic families and over histories resampled from the usage fixtures. Both methods see
// the same spend so far; the forecast also sees the 28 complete UTC days before mid-period, as
// ForecastService does. Spend is spread evenly over each UTC day, so a period edge inside a day
// (a local-midnight month end, DST) takes its share of that day.
public sealed class ForecastBacktestTests
{
    private static readonly DateOnly First = new(2025, 11, 1);
    private const int Days = 820;
    private const int Seeds = 10;

    private static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // Dollars for day i of seeded history; noise is +-20 % everywhere.
    internal static Dictionary<DateOnly, long> Synthetic(string family, int seed)
    {
        var random = new Random(seed);
        var days = new Dictionary<DateOnly, long>();
        for (var i = 0; i < Days; i++)
        {
            var day = First.AddDays(i);
            var noise = 0.8 + (0.4 * random.NextDouble());
            var week = Weekend(day) ? 15.0 : 100.0;
            var usd = family switch
            {
                "flat" => 100 * noise,
                "growing" => week * (1 + (0.01 * i)) * noise,
                "spiky" => 50 * noise * (random.NextDouble() < 0.06 ? 8 : 1),
                // The last two days of a month close it: reports and batch reviews at three times the usual spend.
                "month end" => week * noise * (day.AddDays(2).Month != day.Month ? 3 : 1),
                _ => week * noise, // weekday/weekend, DST month
            };
            days[day] = (long)(usd * 1_000_000);
        }
        return days;
    }

    // Each workday spends one of the source's fixture days, drawn with a seeded generator; weekends
    // nothing (the fixtures hold workdays only).
    internal static IEnumerable<(string Source, Dictionary<DateOnly, long> Days)> FromFixtures(int seed)
    {
        var sources = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        void Add(string source, long micros)
        {
            if (!sources.TryGetValue(source, out var list))
            {
                sources[source] = list = [];
            }
            list.Add(micros);
        }
        using (var anthropic = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", "anthropic-cost-report.json"))))
        {
            var workspaces = anthropic.RootElement.GetProperty("data").EnumerateArray().SelectMany(b => b.GetProperty("results").EnumerateArray())
                .Select(r => r.GetProperty("workspace_id").GetString()!).Distinct().ToList();
            foreach (var bucket in anthropic.RootElement.GetProperty("data").EnumerateArray())
            {
                var results = bucket.GetProperty("results").EnumerateArray().ToList();
                foreach (var workspace in workspaces)
                {
                    var cents = results.Where(r => r.GetProperty("workspace_id").GetString() == workspace)
                        .Sum(r => decimal.Parse(r.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));
                    Add(workspace, (long)(cents * 10_000));
                }
            }
        }
        using (var openai = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", "openai-costs.json"))))
        {
            foreach (var bucket in openai.RootElement.GetProperty("data").EnumerateArray())
            {
                foreach (var project in bucket.GetProperty("results").EnumerateArray().GroupBy(r => r.GetProperty("project_id").GetString()!))
                {
                    Add(project.Key, (long)(project.Sum(r => r.GetProperty("amount").GetProperty("value").GetDecimal()) * 1_000_000));
                }
            }
        }
        foreach (var (source, fixtureDays) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var random = new Random(seed);
            yield return (source, Enumerable.Range(0, Days).Select(i => First.AddDays(i))
                .ToDictionary(d => d, d => Weekend(d) ? 0 : fixtureDays[random.Next(fixtureDays.Count)]));
        }
    }

    private static double Spent(Dictionary<DateOnly, long> days, DateTimeOffset from, DateTimeOffset to)
    {
        var total = 0.0;
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day.ToDateTime(TimeOnly.MinValue) < to.UtcDateTime; day = day.AddDays(1))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var overlap = (Min(to, start.AddDays(1)) - Max(from, start)).TotalDays;
            total += days.GetValueOrDefault(day) * Math.Max(0, overlap);
        }
        return total;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Absolute errors in dollars of (forecast, straight line) at mid-period, one pair per period.
    internal static IEnumerable<(double Forecast, double Line)> Errors(Dictionary<DateOnly, long> days, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> periods)
    {
        foreach (var (start, end) in periods)
        {
            var mid = start + ((end - start) / 2);
            var actual = Spent(days, start, end);
            var spent = Spent(days, start, mid);
            var today = DateOnly.FromDateTime(mid.UtcDateTime);
            var past = Enumerable.Range(1, 28).Select(i => today.AddDays(-29 + i)).Select(d => new DailySpend(d, days[d])).ToList();
            var f = Forecaster.Of((long)spent, long.MaxValue, past, mid, start, end)!;
            var line = spent * (end - start).TotalDays / (mid - start).TotalDays;
            yield return (Math.Abs(f.ForecastMicros - actual) / 1e6, Math.Abs(line - actual) / 1e6);
        }
    }

    // Calendar months Jan 2026 to Dec 2027 in a zone: each starts and ends at local midnight.
    private static IEnumerable<(DateTimeOffset, DateTimeOffset)> Months(TimeZoneInfo zone) =>
        Enumerable.Range(0, 24).Select(m =>
        {
            var local = new DateTime(2026, 1, 1).AddMonths(m);
            return (Local(local, zone), Local(local.AddMonths(1), zone));
        });

    private static DateTimeOffset Local(DateTime local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);

    private static IEnumerable<(DateTimeOffset, DateTimeOffset)> Rolling() =>
        Enumerable.Range(60, 600).Where(i => i % 5 == 0).Select(i =>
        {
            var start = new DateTimeOffset(First.AddDays(i).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (start, start.AddDays(30));
        });

    public static TheoryData<string, string> Families => new()
    {
        { "flat", "months" },
        { "growing", "months" },
        { "weekday/weekend", "months" },
        { "spiky", "months" },
        { "DST month", "Europe/Berlin months" },
        { "month end", "months" },
        { "growing", "30-day periods" },
        { "flat", "30-day periods" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void AtMidPeriod_TheForecastErrsLessThanTheStraightLine(string family, string periods)
    {
        var zone = periods.StartsWith("Europe", StringComparison.Ordinal) ? TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") : TimeZoneInfo.Utc;
        var errors = Enumerable.Range(0, Seeds)
            .SelectMany(seed => Errors(Synthetic(family, seed), periods == "30-day periods" ? Rolling() : Months(zone)))
            .ToList();

        var (forecast, line) = (errors.Average(e => e.Forecast), errors.Average(e => e.Line));

        var row = $"| {family} | {periods} | {errors.Count} | ${forecast:0.00} | ${line:0.00} |";
        TestContext.Current.TestOutputHelper?.WriteLine(row);
        Assert.True(forecast < line, row);
    }

    [Fact]
    public void OnHistoriesFromTheUsageFixtures_TheForecastErrsLessOverall()
    {
        var errors = new List<(double Forecast, double Line)>();
        foreach (var seed in Enumerable.Range(0, Seeds))
        {
            foreach (var (source, days) in FromFixtures(seed))
            {
                var own = Errors(days, Months(TimeZoneInfo.Utc)).ToList();
                errors.AddRange(own);
                if (seed == 0)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"| fixtures: {source} | months | {own.Count} | ${own.Average(e => e.Forecast):0.00} | ${own.Average(e => e.Line):0.00} |");
                }
            }
        }

        var (forecast, line) = (errors.Average(e => e.Forecast), errors.Average(e => e.Line));

        var row = $"| fixtures, all sources | months | {errors.Count} | ${forecast:0.00} | ${line:0.00} |";
        TestContext.Current.TestOutputHelper?.WriteLine(row);
        Assert.True(forecast < line, row);
    }
}
