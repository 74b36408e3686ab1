using BudgetBot.Auth;
using BudgetBot.Demo;
using BudgetBot.Inbox;
using BudgetBot.Policy;
using BudgetBot.Storage;

namespace BudgetBot.Cli;

// The verbs of the same executable: `dotnet run --project src/BudgetBot -- VERB ...`.
internal static class CliRunner
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "migrate", "tokens", "policy", "inbox", "demo", "help" };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var configArgs = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();
        switch (args)
        {
            case ["migrate", ..]:
                {
                    await using var app = Program.BuildApp(configArgs);
                    var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
                    await stdout.WriteLineAsync($"migrated: {applied} migration(s) applied");
                    return 0;
                }
            case ["tokens", "create", ..]:
                return await CreateTokenAsync(args, configArgs, stdout, stderr);
            case ["policy", "check", var file, ..]:
                return PolicyCheckCommand.Run(file, stdout, stderr);
            case ["inbox", "replay", ..]:
                return await InboxReplayCommand.RunAsync(ValueOf(args, "--delivery"), configArgs, stdout);
            case ["demo", ..]:
                return await DemoCommand.RunAsync(stdout);
            default:
                await stderr.WriteLineAsync(Usage);
                return args is ["help", ..] ? 0 : 2;
        }
    }

    private static async Task<int> CreateTokenAsync(string[] args, string[] configArgs, TextWriter stdout, TextWriter stderr)
    {
        var name = ValueOf(args, "--name");
        var scopes = ValueOf(args, "--scopes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (name is null || scopes.Length == 0 || scopes.Any(s => !Scopes.All.Contains(s)))
        {
            await stderr.WriteLineAsync("usage: tokens create --name NAME --scopes ingest,read,admin");
            return 2;
        }
        await using var app = Program.BuildApp(configArgs);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
        var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync(name, scopes);
        await stdout.WriteLineAsync($"Created token '{name}' with scopes {string.Join(',', scopes)}. It is shown once; only its hash is stored.");
        await stdout.WriteLineAsync(token);
        return 0;
    }

    private static string? ValueOf(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private const string Usage = """
        usage: budgetbot [VERB]
          (no verb)                                  run the service
          migrate                                    apply database migrations and exit
          tokens create --name NAME --scopes LIST    create an API token (scopes: ingest,read,admin)
          policy check FILE                          check a policy file and list every error
          inbox replay [--delivery ID]               requeue poison GitHub deliveries (or one delivery)
          demo                                       play a scripted scenario on a throw-away database
        """;
}
