using System.Reflection;
using BudgetBot.Budgets;
using Microsoft.Extensions.Options;

namespace BudgetBot.Cli;

// What the process runs: a verb, or the service. Start-up errors an operator fixes by editing a file
// (a bad or missing policy, invalid configuration) print their listed errors and exit with status 1,
// without a stack trace. Only when BudgetBot is the process: a host that calls this entry point
// (WebApplicationFactory in the tests) builds and starts the app itself and needs the exception.
internal static class Entry
{
    private static bool IsProcess => Assembly.GetEntryAssembly() == typeof(Entry).Assembly;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (CliRunner.IsVerb(args))
            {
                return await CliRunner.RunAsync(args, stdout, stderr);
            }
            await using var app = Program.BuildApp(args);
            if (IsProcess)
            {
                CheckBeforeStart(app.Services);
            }
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (IsProcess && Describe(e) is { } message)
        {
            await stderr.WriteLineAsync(message);
            return 1;
        }
    }

    // The host would log these failures with their stack traces while starting; checked first, they
    // reach the operator as their messages only.
    private static void CheckBeforeStart(IServiceProvider services)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        _ = services.GetRequiredService<IPolicyProvider>().Current;
    }

    internal static string? Describe(Exception e) => e switch
    {
        PolicyException p => p.Message,
        OptionsValidationException o => "The configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, o.Failures.Select(f => "  " + f)),
        AggregateException a when a.InnerExceptions.All(i => Describe(i) is not null) => string.Join(Environment.NewLine, a.InnerExceptions.Select(Describe)),
        _ => null,
    };
}
