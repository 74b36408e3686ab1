using BudgetBot.Budgets;

namespace BudgetBot.Tests.Budgets;

public sealed class BudgetCommandParserTests
{
    public static TheoryData<string?, object> Valid => new()
    {
        { null, new HelpCommand() },
        { "", new HelpCommand() },
        { "  help ", new HelpCommand() },
        { "status", new StatusCommand(null) },
        { "STATUS platform", new StatusCommand("platform") },
        { "requests", new ListRequestsCommand() },
        { "request 1500 eval suite", new RequestCommand(1500m, null, "eval suite") },
        { "request $1,500 for platform Q3 fine-tune & eval", new RequestCommand(1500m, "platform", "Q3 fine-tune & eval") },
        { "request 1.5k for growth more runs", new RequestCommand(1500m, "growth", "more runs") },
        { "request $2.5K need <!channel> more", new RequestCommand(2500m, null, "need <!channel> more") },
        { "request 99.99 for review-agents line one\nline two", new RequestCommand(99.99m, "review-agents", "line one\nline two") },
        { "request $1,234,567.5 x", new ParseError("") },
        { "experiment 500 7d try-o3", new ExperimentCommand(500m, 7, "try-o3", null) },
        { "experiment $2k 14d eval.v2 compare reviewers", new ExperimentCommand(2000m, 14, "eval.v2", "compare reviewers") },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses(string? text, object expected)
    {
        var parsed = BudgetCommandParser.Parse(text);
        if (expected is ParseError)
        {
            Assert.IsType<ParseError>(parsed);
            return;
        }
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("request", "amount and a reason")]
    [InlineData("request 500", "Say why")]
    [InlineData("request 500 for platform", "Say why")]
    [InlineData("request abc for platform x", "is not an amount")]
    [InlineData("request 0 x", "is not an amount")]
    [InlineData("request -5 x", "is not an amount")]
    [InlineData("request 1,50 x", "is not an amount")]
    [InlineData("request 12.345 x", "is not an amount")]
    [InlineData("request 2000000 x", "is not an amount")]
    [InlineData("experiment 500 try-o3", "amount, days and a name")]
    [InlineData("experiment 500 0d try-o3", "Days must be")]
    [InlineData("experiment 500 400d try-o3", "Days must be")]
    [InlineData("experiment 500 7d -bad", "experiment name")]
    [InlineData("status a b", "at most one")]
    [InlineData("approve BR-1", "I don't know `approve`")]
    [InlineData("<!here>", "I don't know `&lt;!here&gt;`")]
    public void Refuses_WithAReasonAndUsage(string text, string fragment)
    {
        var error = Assert.IsType<ParseError>(BudgetCommandParser.Parse(text));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Contains("/budget request <amount>", error.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$1,500", 1500)]
    [InlineData("1500", 1500)]
    [InlineData("1.5k", 1500)]
    [InlineData("$2.5K", 2500)]
    [InlineData("$0.01", 0.01)]
    [InlineData("1,000,000", 1000000)]
    public void Amounts(string text, decimal expected) => Assert.Equal(expected, BudgetCommandParser.ParseAmount(text));
}
