namespace BudgetBot.Alerts;

// A model the catalog cannot price yet: its events count tokens but no money until it can.
internal sealed record UnpricedModel(string Model, long Events);
