namespace BudgetBot.Inbox;

// How one delivery ended: handled, or not understood by the library (Unparsed says why).
internal sealed record DeliveryOutcome(string? Action, string? Unparsed = null);
