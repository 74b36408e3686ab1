using System.Data.Common;
using System.Text.Json;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Budgets;

// The append-only record of every change: who, when, what, to what.
internal sealed class AuditLog(Database db)
{
    internal static readonly SqlStatement Append = new(
        "Audit.Append",
        "INSERT INTO audit_log (at_ms, actor, action, subject, detail) VALUES (@AtMs, @Actor, @Action, @Subject, @Detail);");

    public Task AppendAsync(DbConnection c, DbTransaction tx, DateTimeOffset at, string actor, string action, string subject, object? detail = null) =>
        c.ExecuteAsync(db.Sql(Append), new
        {
            AtMs = at.ToUnixTimeMilliseconds(), Actor = actor, Action = action, Subject = subject,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail),
        }, tx);
}
