using Dapper;

namespace BudgetBot.Storage;

// SQLite's automatic WAL checkpoint runs inside whichever commit crosses the threshold, so every few
// hundred writes one request (a webhook acknowledgement, a usage batch) pays for copying the WAL into
// the database. Connections turn it off (Database.OpenAsync) and this service checkpoints in the
// background instead; PASSIVE never blocks readers or writers.
internal sealed partial class SqliteCheckpointer(Database db, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    internal static readonly SqlStatement Passive = new("Storage.Checkpoint", "PRAGMA wal_checkpoint(PASSIVE);", "SELECT 1;");

    // SQLite itself checkpoints when the last connection closes, so nothing is needed at shutdown.
    public async Task CheckpointAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(db.Sql(Passive));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying in a second")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
