namespace BudgetBot.Otlp;

// One usage data point. GroupKey joins the points of one (session, model, attribute set, interval)
// across metrics and token types, so token.usage and cost.usage become one event; SeriesKey names one
// time series (metric + full attribute set), whose last point a CUMULATIVE sender's next point is
// differenced against.
internal sealed record MetricSample(
    string GroupKey,
    string SeriesKey,
    UsageKind Kind,
    decimal Value,
    bool Cumulative,
    long StartNanos,
    long TimeNanos,
    string Model,
    OtlpAttributes Attributes);
