using System.Globalization;

namespace BudgetBot.Usage;

internal static class CatalogFile
{
    // A catalog file is dated by its last write: genai-prices data carries no date of its own.
    public static string AsOf(string path) =>
        DateOnly.FromDateTime(File.GetLastWriteTimeUtc(path)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
