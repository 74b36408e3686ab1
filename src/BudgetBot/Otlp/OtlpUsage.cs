using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// A usage event with the agent session it belongs to (if the sender said), for SessionClaims.
internal sealed record OtlpUsage(UsageEvent Event, string? SessionId);
