namespace BudgetBot.Tests.Architecture;

// Two types with one name are one idea spread out, or two ideas a reader cannot tell apart.
public sealed class TypeNameTests
{
    [Fact]
    public void NoTwoTypes_InSrc_ShareAName()
    {
        var duplicates = typeof(Program).Assembly.GetTypes()
            .Where(t => t.DeclaringType is null && t.Namespace?.StartsWith("BudgetBot", StringComparison.Ordinal) == true)
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal))
            .GroupBy(t => t.Name.Split('`')[0])
            .Where(g => g.Select(t => t.Namespace).Distinct().Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(t => t.FullName)))
            .ToList();
        Assert.True(duplicates.Count == 0, "Types sharing a name:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void TheReflection_SeesTheTypesOfSrc()
    {
        var names = typeof(Program).Assembly.GetTypes().Select(t => t.FullName).ToList();
        Assert.Contains("BudgetBot.Budgets.BudgetCalculator", names);
    }
}
