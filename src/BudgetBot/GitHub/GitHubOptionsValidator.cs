using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// Lists every configuration error at once; a half-configured GitHub refuses to start.
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
