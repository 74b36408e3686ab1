using BudgetBot.Budgets;
using BudgetBot.GitHub;

namespace BudgetBot.Tests.GitHub;

public sealed class CheckRunDecisionTests
{
    private static readonly Dictionary<string, (BudgetStatus[] Budgets, string Expected)> Table = new()
    {
        ["nothing covers the PR"] = ([], "success"),
        ["all budgets fine"] = ([Statuses.Of("p", "team:p", "soft", 1000, 100), Statuses.Of("r", "workflow:r", "hard", 100, 10)], "success"),
        ["soft past first threshold"] = ([Statuses.Of("p", "team:p", "soft", 1000, 600)], "neutral"),
        ["soft exceeded is still only neutral"] = ([Statuses.Of("p", "team:p", "soft", 1000, 1200)], "neutral"),
        ["advisory exceeded only reports"] = ([Statuses.Of("o", "org", "advisory", 1000, 5000)], "success"),
        ["hard past a threshold but money left"] = ([Statuses.Of("r", "workflow:r", "hard", 100, 85)], "neutral"),
        ["hard exhausted"] = ([Statuses.Of("r", "workflow:r", "hard", 100, 100)], "failure"),
        ["hard exhausted beats soft warning"] = ([Statuses.Of("p", "team:p", "soft", 1000, 900), Statuses.Of("r", "workflow:r", "hard", 100, 150)], "failure"),
        ["hard over limit but a grant covers it"] = ([Statuses.Of("r", "workflow:r", "hard", 100, 150, granted: 300)], "success"),
        ["hard over limit, a grant leaves it past a threshold"] = ([Statuses.Of("r", "workflow:r", "hard", 100, 150, granted: 100)], "neutral"),
        ["hard with reservations taking the rest"] = ([Statuses.Of("r", "workflow:r", "hard", 100, 40, reserved: 60, thresholds: [80])], "failure"),
    };

    public static TheoryData<string> Cases => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conclusion(string why)
    {
        var (budgets, expected) = Table[why];
        Assert.Equal(expected, CheckRunDecision.Decide(budgets).Conclusion);
    }

    [Fact]
    public void Hash_ChangesWithTheVerdict_NotWithTheFigures()
    {
        var a = CheckRunDecision.Decide([Statuses.Of("p", "team:p", "soft", 1000, 100)]);
        var b = CheckRunDecision.Decide([Statuses.Of("p", "team:p", "soft", 1000, 200)]);
        var c = CheckRunDecision.Decide([Statuses.Of("p", "team:p", "soft", 1000, 600)]);
        Assert.Equal(a.Hash(), b.Hash());
        Assert.NotEqual(a.Hash(), c.Hash());
    }
}
