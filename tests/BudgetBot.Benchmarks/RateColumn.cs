using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BudgetBot.Benchmarks;

// A per-second figure from the mean time per operation (OperationsPerInvoke): perOperation units
// are counted for each operation, e.g. 1 point, or 1/5 of an event when 5 points make one event.
public sealed class RateColumn(string name, string legend, double perOperation) : IColumn
{
    public string Id => nameof(RateColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
            ? (perOperation * 1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture)
            : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
