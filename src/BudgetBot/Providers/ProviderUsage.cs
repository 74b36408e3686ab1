using BudgetBot.Usage;

namespace BudgetBot.Providers;

// One usage-report row: a provider account's tokens for one model on one UTC day. Account is the
// Anthropic workspace or OpenAI project ("default" when the report leaves it null).
internal sealed record ProviderUsage(DateOnly Day, string Account, string Model, TokenCounts Tokens, bool Batch, bool LongContext);
