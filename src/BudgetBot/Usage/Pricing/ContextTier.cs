namespace BudgetBot.Usage;

// How CostCalculator picks between base and long-context rates. The tier is a per-request rule, so
// only a single request's counts can be judged BySize; an aggregate (a usage-report bucket, a
// session's modelUsage) must say which tier its requests were billed at, e.g. from the Anthropic
// usage report's context_window ("0-200k" / "200k-1M").
internal enum ContextTier
{
    BySize,
    Base,
    Long,
}
