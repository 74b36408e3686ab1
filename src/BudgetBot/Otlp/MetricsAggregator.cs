using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// Delta samples → one usage event per group and export window: the token classes of one (session,
// model, attribute set) in one collection plus Claude Code's own cost estimate for it when cost.usage
// was sent (ExportWindows).
internal static class MetricsAggregator
{
    public const string Source = "otlp-metrics";

    public static List<OtlpUsage> ToEvents(IEnumerable<MetricSample> deltas)
    {
        var events = new List<OtlpUsage>();
        foreach (var (id, group) in Groups(deltas).SelectMany(g => ExportWindows.Split(OtlpIds.Digest(g[0].GroupKey), g)))
        {
            decimal input = 0, inputWithCache = 0, output = 0, cacheRead = 0, cacheWrite = 0;
            decimal? cost = null;
            foreach (var s in group)
            {
                switch (s.Kind)
                {
                    case UsageKind.Input: input += s.Value; break;
                    case UsageKind.InputWithCache: inputWithCache += s.Value; break;
                    case UsageKind.Output: output += s.Value; break;
                    case UsageKind.CacheRead: cacheRead += s.Value; break;
                    case UsageKind.CacheWrite: cacheWrite += s.Value; break;
                    case UsageKind.Cost: cost = (cost ?? 0) + s.Value; break;
                }
            }
            if (inputWithCache > 0)
            {
                input += Math.Max(0, inputWithCache - cacheRead - cacheWrite);
            }
            if (input + output + cacheRead + cacheWrite == 0 && (cost ?? 0) == 0)
            {
                continue;
            }
            var first = group[0];
            var e = new UsageEvent
            {
                Id = id,
                Source = Source,
                OccurredAt = OtlpJson.Time(first.TimeNanos)!.Value,
                Model = first.Model,
                Provider = OtlpAttribution.Provider(first.Attributes, null),
                InputTokens = Tokens(input),
                OutputTokens = Tokens(output),
                CacheReadTokens = Tokens(cacheRead),
                CacheWrite5mTokens = Tokens(cacheWrite),
                CostUsd = cost,
            }.Attribute(first.Attributes);
            events.Add(new OtlpUsage(e, first.Attributes.Get("session.id")));
        }
        return events;
    }

    // The samples by GroupKey, groups in order of their first sample and each in arrival order (as
    // GroupBy gives them, without its lookup's per-element bookkeeping).
    private static List<List<MetricSample>> Groups(IEnumerable<MetricSample> samples)
    {
        var index = new Dictionary<string, List<MetricSample>>(StringComparer.Ordinal);
        var groups = new List<List<MetricSample>>();
        foreach (var s in samples)
        {
            if (!index.TryGetValue(s.GroupKey, out var group))
            {
                index.Add(s.GroupKey, group = new List<MetricSample>(8));
                groups.Add(group);
            }
            group.Add(s);
        }
        return groups;
    }

    // Counters arrive as doubles; a token count is whole. Clamped, so a sum past long's range reaches
    // UsageBounds and is rejected there instead of throwing.
    private static long Tokens(decimal value) => (long)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), long.MinValue, long.MaxValue);
}
