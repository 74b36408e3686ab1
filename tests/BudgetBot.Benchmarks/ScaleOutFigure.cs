using System.Globalization;

namespace BudgetBot.Benchmarks;

// Items handled over a wall-clock span, and what was checked about them.
internal sealed record ScaleOutFigure(long Items, TimeSpan Elapsed, string Check)
{
    public double PerSecond => Items / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Items} in {Elapsed.TotalSeconds:F2} s = {PerSecond:F0}/s ({Check})");
}
