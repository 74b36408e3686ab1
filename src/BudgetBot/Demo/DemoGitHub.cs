namespace BudgetBot.Demo;

// The demo's GitHub step: the sticky comment BudgetBot would post on acme/api#42 right now,
// rendered by the same code the outbox sender uses.
internal static class DemoGitHub
{
    public static async Task PrintCommentAsync(HttpClient http, TextWriter output, int step)
    {
        await output.WriteLineAsync($"{step}. The cost comment that would be posted on acme/api#42");
        var body = await http.GetStringAsync("/api/pulls/acme/api/42/comment");
        foreach (var line in body.TrimEnd().Split('\n'))
        {
            await output.WriteLineAsync("   " + line);
        }
    }
}
