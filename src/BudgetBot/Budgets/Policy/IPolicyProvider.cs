using Microsoft.Extensions.Primitives;

namespace BudgetBot.Budgets;

// What features depend on: read Current each time it is needed (never cache it across requests), and
// watch the reload token if something must be rebuilt when the policy changes (e.g. the digest
// schedule), as with IConfiguration.GetReloadToken.
internal interface IPolicyProvider
{
    BudgetPolicy Current { get; }

    // Fires once, after the next good policy is swapped in; a rejected file does not fire it.
    IChangeToken GetReloadToken();
}
