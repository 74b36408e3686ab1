using BudgetBot.Demo;

namespace BudgetBot.Tests.Cli;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_PlaysTheScenarioThroughTheRealPipeline()
    {
        var output = new StringWriter();
        Assert.Equal(0, await DemoCommand.RunAsync(output));
        var text = output.ToString();
        Assert.Contains("{\"accepted\":3,\"duplicates\":0}", text);
        Assert.Contains("{\"accepted\":0,\"duplicates\":3}", text);
        Assert.Contains("400 ", text);
        Assert.Contains("review-agents", text);
    }

    [Fact]
    public async Task Demo_ShowsAHardDenial_TheCheck_AnAlert_AndTheDigest_AsTheyWouldAppear()
    {
        var output = new StringWriter();
        Assert.Equal(0, await DemoCommand.RunAsync(output));
        var text = output.ToString();

        Assert.Contains("\"allowed\":false,\"reason\":\"hard budget 'review-agents' has $145.50 left and this run estimates $200.00", text);
        Assert.Contains("   ┌ to C0BUDGETS\n   │ *Budget at 50%: review-agents*", text);
        Assert.Contains("BudgetBot / budget: neutral (Budget review-agents past a threshold)", text);
        Assert.Contains("│ *AI spend digest: platform*", text);
        Assert.Contains("│ [Approve] [Deny]", text);
        Assert.DoesNotContain("<!date^", text);
        Assert.Contains("\"field\":\"occurredAt\",\"message\":\"must be an RFC 3339 timestamp with an offset", text);
    }

    // A run id belongs to one workflow run: the demo's runs 9001 (claude-review) and 9002 (triage-bot).
    [Fact]
    public async Task Demo_UsesEachRunIdInOneWorkflowOnly()
    {
        var output = new StringWriter();
        Assert.Equal(0, await DemoCommand.RunAsync(output));
        var runs = output.ToString().Split('\n').Where(l => l.TrimStart().StartsWith("| 900", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, runs.Count);
        Assert.StartsWith("| 9001 | claude-review |", runs[0].Trim(), StringComparison.Ordinal);
        Assert.StartsWith("| 9002 | triage-bot |", runs[1].Trim(), StringComparison.Ordinal);
    }
}
