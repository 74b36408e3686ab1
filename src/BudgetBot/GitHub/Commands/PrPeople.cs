using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// GitHub logins and Slack users through the policy's people/users map: a mapped login files as its
// Slack user (so "nobody decides their own request" holds across both); an unmapped one files as
// github:<login> and its card says so. Bots are never people.
internal static class PrPeople
{
    public static string Requester(BudgetPolicy p, string login) =>
        p.Users.TryGetValue(login, out var slack) ? slack : RequestAsk.GitHubRequester(login);

    // How a Slack user is named on GitHub: their login when mapped, else their Slack id.
    public static string Name(BudgetPolicy p, string slackUser) =>
        p.GitHubLoginOf(slackUser) is { } login ? "@" + login : $"Slack user `{slackUser}`";

    public static bool IsBot(Octokit.Webhooks.Models.User? user) =>
        user is not null && (user.Type.StringValue == "Bot" || user.Login.EndsWith("[bot]", StringComparison.Ordinal));
}
