using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

public sealed class PolicyCheckCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    [Fact]
    public void Sample_IsOk_WithASummary()
    {
        var exit = PolicyCheckCommand.Run(PolicyParserTests.SamplePath, stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal("policy OK: 1 team, 2 budgets" + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void BadFile_PrintsEachErrorAsFileLineColumn()
    {
        var path = dir.Write("p.yaml", "timezone: Nowhere/Atlantis\nprComments:\n  mode: sticky\n");

        var exit = PolicyCheckCommand.Run(path, stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Empty(stdout.ToString());
        Assert.Equal(
            [
                $"{path}:1:11: timezone \"Nowhere/Atlantis\" is not an IANA time zone id such as Europe/Berlin, America/New_York or UTC",
                $"{path}:3:9: prComments.mode must be update, hide-and-new, new or off (got \"sticky\")",
                "policy invalid: 2 errors",
            ],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MissingFile_IsAnError()
    {
        var exit = PolicyCheckCommand.Run(Path.Combine(dir.Root, "missing.yaml"), stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("missing.yaml: cannot read the policy file", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        dir.Dispose();
    }
}
