using System.Globalization;

namespace BudgetBot.Foresight;

// The units-of-work columns spend.csv appends when it groups by workflow or repo, empty for a key
// without runs. Amounts like spend.csv's own: USD with six decimals.
internal static class UnitsCsv
{
    public const string Header = ",successfulRuns,costPerSuccessfulRunUsd,failedOrCancelledRuns,spendOnFailedOrCancelledRunsUsd," +
        "mergedPrs,costPerMergedPrUsd,closedUnmergedPrs,spendOnClosedUnmergedPrsUsd";

    public static string Cells(UnitGroup? g) => g is null
        ? ",,,,,,,,"
        : string.Create(CultureInfo.InvariantCulture,
            $",{g.SuccessfulRuns},{Usd(g.CostPerSuccessfulRunUsd)},{g.FailedOrCancelledRuns},{Usd(g.SpendOnFailedOrCancelledRunsUsd)}," +
            $"{g.MergedPrs},{Usd(g.CostPerMergedPrUsd)},{g.ClosedUnmergedPrs},{Usd(g.SpendOnClosedUnmergedPrsUsd)}");

    private static string Usd(decimal? usd) => usd is { } d ? d.ToString("0.000000", CultureInfo.InvariantCulture) : "";
}
