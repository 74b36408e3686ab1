using System.Text.Json;
using BudgetBot.Operations;

namespace BudgetBot.Usage;

// The body of POST /api/usage: one event or {"events": [...]}, read by UsageEventReader.
internal sealed record UsageBatch(IReadOnlyList<UsageEvent> Events) : IJsonRequest<UsageBatch>
{
    public static string InvalidTitle => "The usage batch is not valid";

    public static (UsageBatch? Request, IReadOnlyList<FieldError> Errors) Read(JsonElement body, DateTimeOffset now)
    {
        var (events, errors) = UsageEventReader.Read(body, now);
        return (errors.Count == 0 ? new UsageBatch(events) : null, errors);
    }
}
