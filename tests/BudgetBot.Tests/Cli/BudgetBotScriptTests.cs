using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetBot.Cli;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Cli;

// The `budgetbot` command of a clone is the root script; the README's commands are ones that run.
public sealed partial class BudgetBotScriptTests
{
    private static readonly string Root = RepoRoot.Find();

    [Fact]
    public void Script_RunsTheProject_ForwardingItsArguments()
    {
        var script = File.ReadAllText(Path.Combine(Root, "budgetbot"));

        Assert.StartsWith("#!/usr/bin/env bash\n", script, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project \"$root/src/BudgetBot\" --verbosity quiet -- \"$@\"", script, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(Root, "budgetbot")).HasFlag(UnixFileMode.UserExecute), "budgetbot must be executable (git update-index --chmod=+x budgetbot)");
        }
    }

    [Fact]
    public void Readme_UsesOnlyCommandsThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var verbs = ScriptVerb().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(BareCommand().Matches(readme).Select(m => m.Value));
        Assert.Contains("tokens", verbs);
        Assert.All(verbs, v => Assert.True(CliRunner.IsVerb([v]), $"README runs `./budgetbot {v}`, which is no verb"));
    }

    // `dotnet run` runs where the user typed it, and `healthcheck` without a URL asks what it listens on.
    [Fact]
    public void DotnetRun_RunsInTheCallersDirectory_OnTheUrlHealthcheckAsks()
    {
        var project = File.ReadAllText(Path.Combine(Root, "src", "BudgetBot", "BudgetBot.csproj"));
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "BudgetBot", "Properties", "launchSettings.json")));
        var profile = launch.RootElement.GetProperty("profiles").GetProperty("BudgetBot");

        Assert.Contains("<RunWorkingDirectory>$(MSBuildStartupDirectory)</RunWorkingDirectory>", project, StringComparison.Ordinal);
        Assert.Equal(new Uri(HealthCheckCommand.QuickStartUrl).GetLeftPart(UriPartial.Authority), profile.GetProperty("applicationUrl").GetString());
    }

    [Fact]
    public async Task Script_ChecksThePolicy_FromTheRepositoryRoot()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the bash script is for Linux and macOS; budgetbot.cmd is its Windows twin");
        using var run = ChildProcess.Start("bash", Root, "budgetbot", "policy", "check", "budgetbot.policy.yaml");

        Assert.Equal(0, await run.ExitCodeAsync(TimeSpan.FromMinutes(5)));
        Assert.Contains("policy OK", run.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\./budgetbot ([a-z][a-z-]*)")]
    private static partial Regex ScriptVerb();

    // "budgetbot import ..." without the ./ of the script: no such command on a fresh clone.
    [GeneratedRegex(@"(?<![./\w-])budgetbot (?:migrate|tokens|policy|demo|healthcheck|import|inbox|help)\b")]
    private static partial Regex BareCommand();
}
