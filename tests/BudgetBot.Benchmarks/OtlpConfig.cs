using BenchmarkDotNet.Configs;

namespace BudgetBot.Benchmarks;

public sealed class OtlpConfig : ManualConfig
{
    public OtlpConfig() => AddColumn(
        new RateColumn("Points/s", "OTLP metric data points ingested per second (mean)", 1),
        new RateColumn("Events/s", "Usage events stored per second (mean; 5 points make one event)", 1.0 / SyntheticOtlp.PointsPerEvent));
}
