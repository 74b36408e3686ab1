using Microsoft.Extensions.Options;

namespace BudgetBot.Slack;

// DESIGN §3. Without a signing secret the Slack endpoints answer 503 (never an unsigned request);
// without a bot token outgoing Slack calls are logged and skipped, not sent.
internal sealed class SlackOptions
{
    public string? SigningSecret { get; set; }

    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public bool CanVerify => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool CanSend => !string.IsNullOrWhiteSpace(BotToken);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SigningSecret is not null && string.IsNullOrWhiteSpace(SigningSecret))
        {
            errors.Add("Slack:SigningSecret must not be blank: unsigned requests are never accepted.");
        }
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || !ApiBaseUrl.EndsWith('/') || uri.Scheme is not ("https" or "http"))
        {
            errors.Add("Slack:ApiBaseUrl must be an absolute http(s) URL ending in '/'.");
        }
        return errors;
    }
}

// Reports every configuration error at once.
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
