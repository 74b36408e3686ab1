using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;

namespace BudgetBot.Tests.Otlp;

// What the usage store holds, read straight from the database.
internal static class Ledger
{
    public static Task<decimal> SpentAsync(this TestApp app, string? source = null) =>
        app.Get<Database>().ReadAsync(async c =>
            await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_events WHERE @Source IS NULL OR source = @Source", new { Source = source }) / 1_000_000m);

    public static Task<long> CountAsync(this TestApp app, string? source = null) =>
        app.Get<Database>().ReadAsync(c =>
            c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events WHERE @Source IS NULL OR source = @Source", new { Source = source }));

    public static Task<IEnumerable<dynamic>> RowsAsync(this TestApp app) =>
        app.Get<Database>().ReadAsync(c => c.QueryAsync("SELECT * FROM usage_events ORDER BY id"));
}
