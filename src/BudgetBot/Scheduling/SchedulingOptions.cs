namespace BudgetBot.Scheduling;

// Scheduling:Enabled=false stops the hosted loop (tests that drive RunDueAsync themselves, or an
// instance that should only serve HTTP); jobs stay registered and RunDueAsync still works.
internal sealed class SchedulingOptions
{
    public bool Enabled { get; set; } = true;
}
