using BudgetBot.Budgets;
using Cronos;

namespace BudgetBot.Scheduling;

// A job the one hosted scheduler runs (DESIGN §2): each occurrence once, in its own DI scope,
// under a lease row when several instances run. Schedule may read the policy (the digest) and may
// return null to mean "not scheduled".
internal interface IScheduledJob
{
    string Name { get; }

    CronExpression? Schedule(BudgetPolicy policy);

    Task RunAsync(DateTimeOffset occurrence, CancellationToken ct);
}
