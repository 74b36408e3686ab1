using Microsoft.Extensions.Options;

namespace BudgetBot.Budgets;

internal sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add("Policy:Path must name the policy file, e.g. budgetbot.policy.yaml");
        }

        if (options.ReloadSeconds < 0)
        {
            errors.Add($"Policy:ReloadSeconds must be 0 (no reloading) or more, not {options.ReloadSeconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
