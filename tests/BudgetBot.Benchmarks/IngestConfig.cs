using BenchmarkDotNet.Configs;

namespace BudgetBot.Benchmarks;

public sealed class IngestConfig : ManualConfig
{
    public IngestConfig() => AddColumn(new EventsPerSecondColumn());
}
