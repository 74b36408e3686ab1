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
}
