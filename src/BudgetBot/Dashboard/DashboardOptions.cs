using Microsoft.Extensions.Options;

namespace BudgetBot.Dashboard;

// Dashboard:PublicUrl is where people reach the dashboard (https://budgetbot.example.com, or under
// a path prefix). Unset, nothing links to it: Slack messages carry no dashboard links.
internal sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public string? PublicUrl { get; set; }

    public DashboardLinks? Links =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var root) ? new DashboardLinks(new Uri(root.AbsoluteUri.TrimEnd('/') + "/")) : null;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(PublicUrl) && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            errors.Add("Dashboard:PublicUrl must be an absolute http(s) URL without query or fragment, e.g. https://budgetbot.example.com.");
        }
        return errors;
    }
}

// Reports every configuration error at once.
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}

// Absolute links to the dashboard's pages, for messages read outside it.
internal sealed record DashboardLinks(Uri Root)
{
    public Uri Overview => new(Root, "dashboard");

    public Uri Spend => new(Root, "dashboard/spend");

    public Uri Budget(string id) => new(Root, "dashboard/budgets/" + Uri.EscapeDataString(id));
}
