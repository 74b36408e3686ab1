using BudgetBot.Budgets;
using Microsoft.Extensions.Primitives;

namespace BudgetBot.Tests.Infrastructure;

// A fixed policy for tests that build services by hand (the store contract suite).
internal sealed class StaticPolicy(BudgetPolicy policy) : IPolicyProvider
{
    public static readonly StaticPolicy Default = new(PolicyParser.Parse(TestPolicy.Default).Policy
        ?? throw new InvalidOperationException("the test policy does not parse"));

    public BudgetPolicy Current => policy;

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);
}
