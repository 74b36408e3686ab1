using BudgetBot.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BudgetBot.Tests.Policy;

public sealed class PolicyExtensionsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    [Fact]
    public void ResolvePath_TakesTheFirstRootThatHasTheFile()
    {
        var first = Directory.CreateDirectory(Path.Combine(dir.Root, "cwd")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(dir.Root, "content")).FullName;
        var third = Directory.CreateDirectory(Path.Combine(dir.Root, "bin")).FullName;
        File.WriteAllText(Path.Combine(second, "p.yaml"), "");
        File.WriteAllText(Path.Combine(third, "p.yaml"), "");

        Assert.Equal(Path.Combine(second, "p.yaml"), PolicyExtensions.ResolvePath("p.yaml", first, second, third));
        File.WriteAllText(Path.Combine(first, "p.yaml"), "");
        Assert.Equal(Path.Combine(first, "p.yaml"), PolicyExtensions.ResolvePath("p.yaml", first, second, third));
    }

    [Fact]
    public void ResolvePath_NamesEveryPlaceItLooked_WhenNoneHasTheFile()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyExtensions.ResolvePath("p.yaml", "/nowhere/a", "/nowhere/b"));

        Assert.Contains("/nowhere/a/p.yaml, /nowhere/b/p.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePath_KeepsAnAbsolutePath() =>
        Assert.Equal("/etc/budgetbot/p.yaml", PolicyExtensions.ResolvePath("/etc/budgetbot/p.yaml", dir.Root));

    [Fact]
    public async Task AddPolicy_LoadsThePolicyAtStartUp()
    {
        dir.Write("p.yaml", "timezone: America/New_York\n");
        using var host = Build(("Policy:Path", "p.yaml"));

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("America/New_York", host.Services.GetRequiredService<IPolicyProvider>().Current.TimeZone.Id);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddPolicy_StopsStartUp_WhenThePolicyIsBad()
    {
        dir.Write("p.yaml", "timezone: Nowhere/Atlantis\n");
        using var host = Build(("Policy:Path", "p.yaml"));

        var ex = await Assert.ThrowsAsync<PolicyException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("line 1: timezone \"Nowhere/Atlantis\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPolicy_ReportsEveryOptionsError()
    {
        using var host = Build(("Policy:Path", " "), ("Policy:ReloadSeconds", "-1"));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, ex.Failures.Count());
    }

    public void Dispose() => dir.Dispose();

    private IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = dir.Root });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddPolicy();
        return builder.Build();
    }
}
