namespace BudgetBot.Tests.GitHub;

internal sealed class FakeComment(long id, int number, string body)
{
    public long Id { get; } = id;
    public int Number { get; } = number;
    public string NodeId => "IC_" + Id;
    public string Body { get; set; } = body;
    public bool Deleted { get; set; }
    public bool Minimized { get; set; }
}
