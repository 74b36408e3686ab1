namespace BudgetBot.Otlp;

// One usage data point. GroupKey (OtlpIds.Text: the input of the group's hash) joins the points of
// one (session, model, attribute set) across metrics and token classes; MetricsAggregator splits a
// group into export windows, so token.usage and cost.usage of one collection become one event
// whatever start times the sender gave each series. SeriesKey names one time series (metric + full
// attribute set), whose last point a CUMULATIVE sender's next point is differenced against.
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
