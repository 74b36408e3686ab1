namespace BudgetBot.Dashboard;

// Day and hour buckets in the policy's time zone.
internal static class Zoned
{
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a DST gap (e.g. America/Santiago) starts at the gap's end.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static long BucketOf(long hourMs, string bucket, TimeZoneInfo zone) =>
        bucket == "hour" ? hourMs : StartOfDay(DayOf(DateTimeOffset.FromUnixTimeMilliseconds(hourMs), zone), zone).ToUnixTimeMilliseconds();

    public static IReadOnlyList<DateTimeOffset> Buckets(DateTimeOffset from, DateTimeOffset to, string bucket, TimeZoneInfo zone)
    {
        var list = new List<DateTimeOffset>();
        if (bucket == "hour")
        {
            for (var t = from; t < to; t = t.AddHours(1))
            {
                list.Add(t);
            }
            return list;
        }
        for (var d = DayOf(from, zone); StartOfDay(d, zone) < to; d = d.AddDays(1))
        {
            list.Add(StartOfDay(d, zone));
        }
        return list;
    }

    public static string Label(DateTimeOffset bucketStart, string bucket, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(bucketStart, zone).ToString(bucket == "hour" ? "yyyy-MM-dd HH:00" : "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
