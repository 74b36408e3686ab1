using BudgetBot.Alerts;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Cli;
using BudgetBot.Dashboard;
using BudgetBot.Foresight;
using BudgetBot.GitHub;
using BudgetBot.Operations;
using BudgetBot.Otlp;
using BudgetBot.Outbox;
using BudgetBot.Preflight;
using BudgetBot.Reports;
using BudgetBot.Routing;
using BudgetBot.Providers;
using BudgetBot.Slack;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using BudgetBot.Transcripts;
using BudgetBot.Usage;

return await Entry.RunAsync(args, Console.Out, Console.Error);

public partial class Program
{
    internal static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddOperations();
        builder.AddStorage();
        builder.AddPolicy();
        builder.AddTokenAuth();
        builder.AddPricing();
        builder.AddUsage();
        builder.AddBudgets();
        builder.AddPreflight();
        builder.AddForesight();
        builder.AddRouting();
        builder.AddOutbox();
        builder.AddOtlp();
        builder.AddTranscripts();
        builder.AddProviders();
        builder.AddSlack();
        builder.AddScheduling();
        builder.AddAlerts();
        builder.AddGitHub();
        builder.AddDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseOperations();
        app.MapOperations();
        app.MapUsage();
        app.MapBudgets();
        app.MapPreflight();
        app.MapForesight();
        app.MapRouting();
        app.MapReports();
        app.MapOtlp();
        app.MapProviderReports();
        app.MapSlack();
        app.MapGitHub();
        app.MapDashboard();
        return app;
    }
}
