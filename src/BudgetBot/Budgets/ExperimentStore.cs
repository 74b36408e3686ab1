using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Budgets;

// Experiment allowances: a budget "experiment:<name>" of its own amount from its start to its
// expiry, drawn on by usage tagged experiment=<name>. It is a cap (hard), and it ends by itself: past
// its expiry it is simply no longer active. Names are unique for good, so a tag never means two.
internal sealed class ExperimentStore(Database db) : IBudgetSource
{
    public static readonly IReadOnlyList<int> Thresholds = [80, 100];

    internal static readonly SqlStatement Insert = new(
        "Experiments.Insert",
        "INSERT INTO experiments (name, amount_micros, starts_at_ms, expires_at_ms, reason, created_by, request_id) " +
        "VALUES (@Name, @AmountMicros, @StartsAtMs, @ExpiresAtMs, @Reason, @CreatedBy, @RequestId);");

    internal static readonly SqlStatement Active = new(
        "Experiments.Active",
        "SELECT name AS Name, amount_micros AS AmountMicros, starts_at_ms AS StartsAtMs, expires_at_ms AS ExpiresAtMs FROM experiments " +
        "WHERE starts_at_ms <= @Now AND expires_at_ms > @Now ORDER BY name;");

    internal static readonly SqlStatement Exists = new("Experiments.Exists", "SELECT COUNT(*) FROM experiments WHERE name = @Name;");

    public static string BudgetIdFor(string name) => BudgetScope.Experiment(name).ToString();

    // False when the name is taken (the one expected failure: the unique key).
    public async Task<bool> OpenAsync(DbConnection c, DbTransaction tx, string name, long amountMicros, DateTimeOffset start, DateTimeOffset expiry,
        string reason, string createdBy, long? requestId)
    {
        try
        {
            await c.ExecuteAsync(db.Sql(Insert), new
            {
                Name = name, AmountMicros = amountMicros, StartsAtMs = start.ToUnixTimeMilliseconds(),
                ExpiresAtMs = expiry.ToUnixTimeMilliseconds(), Reason = reason, CreatedBy = createdBy, RequestId = requestId,
            }, tx);
            return true;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            return false;
        }
    }

    public Task<bool> ExistsAsync(string name, CancellationToken ct) =>
        db.ReadAsync(async c => await c.ExecuteScalarAsync<long>(db.Sql(Exists), new { Name = name }) > 0, ct);

    public async Task<IReadOnlyList<ActiveBudget>> ActiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.ReadAsync(async c => (await c.QueryAsync<(string Name, long AmountMicros, long StartsAtMs, long ExpiresAtMs)>(
            db.Sql(Active), new { Now = now.ToUnixTimeMilliseconds() })).ToList(), ct);
        return rows.Select(r => new ActiveBudget(
            BudgetIdFor(r.Name), BudgetScope.Experiment(r.Name), Money.FromMicros(r.AmountMicros), Enforcement.Hard,
            new BudgetPeriod(DateTimeOffset.FromUnixTimeMilliseconds(r.StartsAtMs), DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAtMs)),
            Thresholds)).ToList();
    }
}
