using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// DESIGN §3. Without AppId, a private key and a webhook secret GitHub is off: the webhook endpoint
// answers 503 and outgoing calls are logged, not sent. A half configuration refuses to start, and an
// empty webhook secret is never accepted: no unsigned delivery is ever processed.
internal sealed class GitHubOptions
{
    public long? AppId { get; set; }

    public string? PrivateKey { get; set; }

    public string? PrivateKeyPath { get; set; }

    public string? WebhookSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.github.com/";

    // How many PRs that usage names but no webhook announced are looked up through the API per minute.
    public int PullRequestLookupsPerMinute { get; set; } = 30;

    public bool IsConfigured => AppId is not null && (PrivateKey is { Length: > 0 } || PrivateKeyPath is { Length: > 0 })
        && !string.IsNullOrWhiteSpace(WebhookSecret);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var any = AppId is not null || !string.IsNullOrEmpty(PrivateKey) || !string.IsNullOrEmpty(PrivateKeyPath) || WebhookSecret is not null;
        if (!any)
        {
            return errors;
        }
        if (AppId is null or <= 0)
        {
            errors.Add("GitHub:AppId must be a positive number when GitHub is configured.");
        }
        if (string.IsNullOrEmpty(PrivateKey) && string.IsNullOrEmpty(PrivateKeyPath))
        {
            errors.Add("GitHub:PrivateKey or GitHub:PrivateKeyPath is required when GitHub is configured.");
        }
        if (string.IsNullOrWhiteSpace(WebhookSecret))
        {
            errors.Add("GitHub:WebhookSecret must not be empty: unsigned deliveries are never accepted.");
        }
        if (PullRequestLookupsPerMinute < 1)
        {
            errors.Add("GitHub:PullRequestLookupsPerMinute must be at least 1.");
        }
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            errors.Add("GitHub:ApiBaseUrl must be an absolute URL.");
        }
        return errors;
    }
}

// Lists every configuration error at once; a half-configured GitHub refuses to start.
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
