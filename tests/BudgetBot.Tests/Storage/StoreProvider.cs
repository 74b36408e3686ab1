using BudgetBot.Storage;

namespace BudgetBot.Tests.Storage;

// One database engine under the store contract (the shape of Dapper's DatabaseProvider in
// tests/Dapper.Tests/TestBase.cs): whether it can run here, and how to make and drop a fresh,
// empty database. One instance per test, so each test owns its database.
public abstract class StoreProvider
{
    // Null when the engine is available; otherwise why not and how to run it.
    public abstract string? SkipReason { get; }

    internal abstract Task<Database> CreateAsync(CancellationToken ct);

    public abstract Task DropAsync();
}
