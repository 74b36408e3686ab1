using System.Net.Http.Headers;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BudgetBot.Demo;

// Plays a short scripted scenario through the real HTTP pipeline on a throw-away database, with the
// sample policy as it was built in (so the demo runs from any directory).
internal static class DemoCommand
{
    public const string KeptDatabase = "budgetbot-demo.db";

    public static async Task<int> RunAsync(TextWriter output, bool keep = false)
    {
        var dir = Directory.CreateTempSubdirectory("budgetbot-demo-");
        var database = keep ? Path.GetFullPath(KeptDatabase) : Path.Combine(dir.FullName, "demo.db");
        if (keep)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
        try
        {
            var policy = Path.Combine(dir.FullName, "budgetbot.policy.yaml");
            await using (var sample = typeof(DemoCommand).Assembly.GetManifestResourceStream("BudgetBot.Demo.budgetbot.policy.yaml")!)
            await using (var file = File.Create(policy))
            {
                await sample.CopyToAsync(file);
            }
            await using var app = Program.BuildApp(
            [
                $"--ConnectionStrings:BudgetBot=Data Source={database}",
                $"--Policy:Path={policy}",
                "--Policy:ReloadSeconds=0",
                "--Scheduling:Enabled=false",
                "--urls=http://127.0.0.1:0",
                "--Otlp:GrpcPort=",
                "--Logging:LogLevel:Default=Error", // the runaway alert's warning is shown as its Slack message
                $"--Slack:SigningSecret={DemoSlack.Secret}",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("demo", [Scopes.Admin]);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await output.WriteLineAsync($"BudgetBot demo on {address} ({(keep ? "keeping " + database : "throw-away database")}, the sample policy)");
            await DemoScript.PlayAsync(http, output, app.Services);
            if (keep)
            {
                await Dashboard.DashboardDemoData.SeedAsync(http, app.Services, output);
                var read = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("dashboard", [Scopes.Read]);
                await output.WriteLineAsync($"Kept {database}. Start the service on it and open http://localhost:5000/dashboard:");
                await output.WriteLineAsync($"   dotnet run --project src/BudgetBot -- --urls=http://localhost:5000 \"--ConnectionStrings:BudgetBot=Data Source={database}\"");
                await output.WriteLineAsync($"   sign in with this read token: {read}");
            }
            await app.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
