using BudgetBot.Auth;
using BudgetBot.Demo;
using BudgetBot.GitHub;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Transcripts;
using BudgetBot.Usage;

namespace BudgetBot.Cli;

// The verbs of the same executable: `dotnet run --project src/BudgetBot -- VERB ...`.
internal static class CliRunner
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "migrate", "tokens", "policy", "demo", "healthcheck", "import", "inbox", "outbox", "pricing", "help" };

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
                return await TokensCommand.CreateAsync(ValueOf(args, "--name"), ValueOf(args, "--scopes"), configArgs, stdout, stderr);
            case ["tokens", "list", ..]:
                return await TokensCommand.ListAsync(configArgs, stdout);
            case ["tokens", "revoke", var key, ..] when !key.StartsWith("--", StringComparison.Ordinal):
                return await TokensCommand.RevokeAsync(key, configArgs, stdout, stderr);
            case ["policy", "check", var file, ..]:
                return PolicyCheckCommand.Run(file, stdout, stderr, model => PriceCatalog.LoadEmbedded().TryGet(model, out _));
            case ["pricing", "check", var catalogFile, ..]:
                return PricingCommand.Check(catalogFile, stdout, stderr);
            case ["pricing", "show", var model, ..] when !model.StartsWith("--", StringComparison.Ordinal):
                return PricingCommand.Show(model, ValueOf(args, "--provider"), ValueOf(args, "--catalog"), stdout, stderr);
            case ["import", "claude-code", var dir, ..] when !dir.StartsWith("--", StringComparison.Ordinal):
                return await ImportClaudeCodeAsync(dir, ValueOf(args, "--repo"), configArgs, stdout, stderr);
            case ["inbox", "replay", ..]:
                return await InboxReplayCommand.RunAsync(ValueOf(args, "--delivery"), args.Contains("--include-unparsed"), configArgs, stdout);
            case ["outbox", "replay", ..]:
                return await Outbox.OutboxReplayCommand.RunAsync(ValueOf(args, "--id"), configArgs, stdout, stderr);
            case ["demo", ..]:
                return await DemoCommand.RunAsync(stdout, args.Contains("--keep"));
            case ["healthcheck", ..]:
                return await HealthCheckCommand.RunAsync(args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : HealthCheckCommand.QuickStartUrl, stderr);
            default:
                await stderr.WriteLineAsync(Usage);
                return args is ["help", ..] ? 0 : 2;
        }
    }

    // Straight into the database through the ingestor (no token, no running service needed), the same
    // way `migrate` works; the configuration flags choose the database and the policy.
    private static async Task<int> ImportClaudeCodeAsync(string dir, string? repo, string[] configArgs, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(dir))
        {
            await stderr.WriteLineAsync($"no such directory: {Path.GetFullPath(dir)}");
            return 2;
        }
        var normalized = Otlp.RepoNames.Normalize(repo);
        if (repo is not null && normalized is null)
        {
            await stderr.WriteLineAsync("--repo must be owner/name");
            return 2;
        }
        await using var app = Program.BuildApp(configArgs);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
        var summary = await app.Services.GetRequiredService<ClaudeCodeImporter>().ImportAsync(dir, normalized);
        await stdout.WriteLineAsync(summary.ToString());
        if (summary.WithoutRepo > 0)
        {
            await stdout.WriteLineAsync($"{summary.WithoutRepo} event(s) have no repository (their cwd is gone or has no origin remote); pass --repo owner/name to set one.");
        }
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
          tokens list                                list the tokens (never their secrets)
          tokens revoke NAME|ID                      revoke a token; every instance refuses it at once
          policy check FILE                          check a policy file and list every error
          pricing check FILE                         check a genai-prices catalog file and list every error with its JSON path
          pricing show MODEL [--provider P] [--catalog FILE]  what a model id resolves to: provider, canonical model, prices
          import claude-code DIR [--repo OWNER/NAME] import Claude Code JSONL transcripts (e.g. ~/.claude/projects)
          inbox replay [--delivery ID] [--include-unparsed]  requeue poison GitHub deliveries (unparsed too on request, or one delivery)
          outbox replay [--id ID]                    re-send failed outbox messages (or one message)
          demo                                       play a scripted scenario on a throw-away database
          demo --keep                                the same, plus 30 days of history, kept in budgetbot-demo.db for the dashboard
          healthcheck [URL]                          exit 0 when GET URL (default http://localhost:5000/healthz, the quick start) answers 200

        File and directory arguments are relative to the directory the command is typed in.
        """;
}
