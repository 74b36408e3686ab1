using BudgetBot.Alerts;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Cli;
using BudgetBot.Dashboard;
using BudgetBot.GitHub;
using BudgetBot.Operations;
using BudgetBot.Otlp;
using BudgetBot.Outbox;
using BudgetBot.Policy;
using BudgetBot.Preflight;
using BudgetBot.Reports;
using BudgetBot.Providers;
using BudgetBot.Slack;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using BudgetBot.Usage;

if (CliRunner.IsVerb(args))
{
    return await CliRunner.RunAsync(args, Console.Out, Console.Error);
}
await Program.BuildApp(args).RunAsync();
return 0;

public partial class Program
{
    internal static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddOperations();
        builder.AddStorage();
        builder.AddPolicy();
        builder.AddTokenAuth();
        builder.AddUsage();
        builder.AddBudgets();
        builder.AddOutbox();
        builder.AddReports();
        builder.AddOtlp();
        builder.AddProviders();
        builder.AddSlack();
        builder.AddScheduling();
        builder.AddAlerts();
        builder.AddGitHubInbox();
        builder.AddGitHubOutbound();
        builder.AddDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseOperations();
        app.MapOperations();
        app.MapUsage();
        app.MapBudgets();
        app.MapPreflight();
        app.MapReports();
        app.MapOtlp();
        app.MapProviderReports();
        app.MapSlack();
        app.MapGitHubInbox();
        app.MapPulls();
        app.MapDashboard();
        return app;
    }
}
