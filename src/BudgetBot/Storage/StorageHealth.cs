using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Storage;

// Whether writes are failing because storage is full or read-only. Set by a failed write, cleared only
// by a successful probe (Database.ProbeWriteAsync, a write needing fresh space): a background write that
// fits in free pages (a lease heartbeat, an outbox claim) proves nothing about a full disk. /readyz
// probes while a problem is recorded, since a not-ready instance gets no traffic to find out.
internal sealed class StorageHealth
{
    private volatile string? problem;

    public string? Problem => problem;

    public void Record(Exception e)
    {
        if (Classify(e) is { } what)
        {
            problem = what;
        }
    }

    public void Healthy() => problem = null;

    // SQLITE_FULL 13, SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_CANTOPEN 14; SQL Server 1105 (filegroup
    // full), 9002 (log full), 1101 (no disk space), 3906 (read-only database), 5120 (cannot open file).
    public static string? Classify(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 13 } => "The storage is full: nothing can be written until space is freed.",
        SqliteException { SqliteErrorCode: 8 } => "The storage is read-only: nothing can be written until it is writable again.",
        SqliteException { SqliteErrorCode: 10 or 14 } => "The storage cannot be written (an I/O error): check the disk.",
        SqlException { Number: 1105 or 9002 or 1101 } => "The storage is full: nothing can be written until space is freed.",
        SqlException { Number: 3906 } => "The storage is read-only: nothing can be written until it is writable again.",
        SqlException { Number: 5120 } => "The storage cannot be written (an I/O error): check the disk.",
        { InnerException: { } inner } => Classify(inner),
        _ => null,
    };
}
