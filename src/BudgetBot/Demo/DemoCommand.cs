using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BudgetBot.Demo;

// Plays a short scripted scenario through the real HTTP pipeline on a throw-away database.
internal static class DemoCommand
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        var dir = Directory.CreateTempSubdirectory("budgetbot-demo-");
        try
        {
            await using var app = Program.BuildApp(
            [
                $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(dir.FullName, "demo.db")}",
                "--urls=http://127.0.0.1:0",
                "--Otlp:GrpcPort=",
                "--Logging:LogLevel:Default=Warning",
                $"--Slack:SigningSecret={DemoSlack.Secret}",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("demo", [Scopes.Admin]);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await output.WriteLineAsync($"BudgetBot demo on {address} (throw-away database)");
            await DemoScript.PlayAsync(http, output, app.Services.GetRequiredService<TimeProvider>());
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
