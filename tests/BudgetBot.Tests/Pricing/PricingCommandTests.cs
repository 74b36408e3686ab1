using BudgetBot.Cli;

namespace BudgetBot.Tests.Pricing;

public sealed class PricingCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-pricing-");

    public void Dispose() => dir.Delete(recursive: true);

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliRunner.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Check_AcceptsTheGenAiPricesFile()
    {
        var path = Path.Combine(dir.FullName, "data.json");
        await File.WriteAllTextAsync(path, PriceCatalogTestData.EmbeddedJson(), TestContext.Current.CancellationToken);

        var (code, stdout, _) = await RunAsync("pricing", "check", path);

        Assert.Equal(0, code);
        Assert.StartsWith("catalog OK: 36 providers, ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ListsEveryErrorWithItsPath()
    {
        var path = Path.Combine(dir.FullName, "bad.json");
        var json = PriceCatalogTestData.JsonWithExtraModel("claude-bad-1", 2.345m, 10m)
            .Replace("\"input_mtok\":2.345,", "\"input_mtok\":\"2.345\",", StringComparison.Ordinal)
            .Replace("{\"starts_with\":\"claude-bad-1\"}", "{\"startswith\":\"claude-bad-1\"}", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);

        var (code, _, stderr) = await RunAsync("pricing", "check", path);

        Assert.Equal(1, code);
        Assert.Equal(
            [$"{path}: $[0].models[0].match.startswith is not a match clause (equals, starts_with, ends_with, contains, regex, or, and)",
             $"{path}: $[0].models[0].prices.input_mtok must be a non-negative number or {{base, tiers}}",
             "catalog invalid: 2 error(s)"],
            stderr.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Check_NamesAFileItCannotRead()
    {
        var (code, _, stderr) = await RunAsync("pricing", "check", Path.Combine(dir.FullName, "missing.json"));

        Assert.Equal(1, code);
        Assert.Contains("cannot read the catalog file", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", null, "aws", "claude-sonnet-4-5", "input 3.3  output 16.5")]
    [InlineData("claude-sonnet-4-5-20250929", "bedrock", "aws", "claude-sonnet-4-5", "input 3.3  output 16.5")]
    [InlineData("claude-sonnet-4-5@20250929", null, "google", "claude-sonnet-4-5", "input 3  output 15")]
    [InlineData("gpt-5-codex", null, "openai", "gpt-5", "input 1.25  output 10")]
    public async Task Show_SaysWhatAnIdResolvesTo(string model, string? provider, string vendor, string canonical, string prices)
    {
        var (code, stdout, _) = await RunAsync(provider is null ? ["pricing", "show", model] : ["pricing", "show", model, "--provider", provider]);

        Assert.Equal(0, code);
        Assert.Contains($"provider:   {vendor}\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"canonical:  {canonical}\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(prices, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownId_SaysItStaysUnpriced_AndReadsANewerCatalog()
    {
        var (code, _, stderr) = await RunAsync("pricing", "show", "claude-sonnet-9");
        Assert.Equal(1, code);
        Assert.Contains("stay unpriced", stderr, StringComparison.Ordinal);

        var path = Path.Combine(dir.FullName, "newer.json");
        await File.WriteAllTextAsync(path, PriceCatalogTestData.JsonWithExtraModel("claude-sonnet-9", 2m, 10m), TestContext.Current.CancellationToken);
        var (found, stdout, _) = await RunAsync("pricing", "show", "claude-sonnet-9-20270101", "--catalog", path);
        Assert.Equal(0, found);
        Assert.Contains("canonical:  claude-sonnet-9", stdout, StringComparison.Ordinal);
    }
}
