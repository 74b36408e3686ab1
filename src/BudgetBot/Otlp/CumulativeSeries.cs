using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Otlp;

// CUMULATIVE (temporality 2) points become deltas by difference from the last point stored for the
// same series. The state moves only after the events are stored, and an event's id is its group's
// (attributes + interval), so a crash in between makes the retry recompute the same delta under the
// same id: a duplicate, never a second count. A point not newer than the stored one is a retry.
internal sealed class CumulativeSeries(Database db, TimeProvider clock)
{
    private const decimal Scale = 1_000_000m;

    internal static readonly SqlStatement Find = new(
        "OtlpSeries.Find",
        "SELECT series_key AS SeriesKey, start_unix_nano AS StartNanos, time_unix_nano AS TimeNanos, value_micros AS ValueMicros " +
        "FROM otlp_series WHERE series_key = @SeriesKey;");

    internal static readonly SqlStatement Save = new(
        "OtlpSeries.Save",
        "INSERT INTO otlp_series (series_key, start_unix_nano, time_unix_nano, value_micros, updated_at_ms) " +
        "VALUES (@SeriesKey, @StartNanos, @TimeNanos, @ValueMicros, @Now) ON CONFLICT (series_key) DO UPDATE SET " +
        "start_unix_nano = excluded.start_unix_nano, time_unix_nano = excluded.time_unix_nano, value_micros = excluded.value_micros, " +
        "updated_at_ms = excluded.updated_at_ms WHERE excluded.time_unix_nano > otlp_series.time_unix_nano;",
        "UPDATE otlp_series WITH (UPDLOCK, HOLDLOCK) SET start_unix_nano = @StartNanos, time_unix_nano = @TimeNanos, " +
        "value_micros = @ValueMicros, updated_at_ms = @Now WHERE series_key = @SeriesKey AND time_unix_nano < @TimeNanos; " +
        "IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM otlp_series WHERE series_key = @SeriesKey) " +
        "INSERT INTO otlp_series (series_key, start_unix_nano, time_unix_nano, value_micros, updated_at_ms) " +
        "VALUES (@SeriesKey, @StartNanos, @TimeNanos, @ValueMicros, @Now);");

    internal sealed record SeriesPoint(string SeriesKey, long StartNanos, long TimeNanos, long ValueMicros);

    // Delta samples pass through; cumulative ones are differenced. Returns the new last points to save.
    public async Task<(List<MetricSample> Deltas, List<SeriesPoint> Last)> ToDeltasAsync(IReadOnlyList<MetricSample> samples, CancellationToken ct)
    {
        var deltas = samples.Where(s => !s.Cumulative).ToList();
        var cumulative = samples.Where(s => s.Cumulative).GroupBy(s => s.SeriesKey, StringComparer.Ordinal).ToList();
        var last = new List<SeriesPoint>();
        if (cumulative.Count == 0)
        {
            return (deltas, last);
        }
        await using var c = await db.OpenAsync(ct);
        foreach (var series in cumulative)
        {
            var previous = await c.QuerySingleOrDefaultAsync<SeriesPoint>(db.Sql(Find), new { SeriesKey = series.Key });
            foreach (var s in series.OrderBy(s => s.TimeNanos))
            {
                var micros = (long)Math.Round(s.Value * Scale);
                if (previous is not null && s.TimeNanos <= previous.TimeNanos)
                {
                    continue;
                }
                // A new start time or a smaller value is a reset: the value counts from the new start.
                var reset = previous is null || previous.StartNanos != s.StartNanos || micros < previous.ValueMicros;
                var delta = reset ? micros : micros - previous!.ValueMicros;
                if (delta > 0)
                {
                    deltas.Add(s with { Value = delta / Scale, Cumulative = false });
                }
                previous = new SeriesPoint(s.SeriesKey, s.StartNanos, s.TimeNanos, micros);
            }
            if (previous is not null)
            {
                last.Add(previous);
            }
        }
        return (deltas, last);
    }

    public async Task SaveAsync(IReadOnlyList<SeriesPoint> last, CancellationToken ct)
    {
        if (last.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var p in last.OrderBy(p => p.SeriesKey, StringComparer.Ordinal))
            {
                await c.ExecuteAsync(db.Sql(Save), new { p.SeriesKey, p.StartNanos, p.TimeNanos, p.ValueMicros, Now = now }, tx);
            }
        }, ct);
    }
}
