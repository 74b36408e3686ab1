namespace BudgetBot.Slack;

// Slack answered ok:false; Error is Slack's code ("channel_not_found", "invalid_auth", …).
internal class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}
