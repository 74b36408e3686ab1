using System.Text.Json.Serialization;

namespace BudgetBot.Budgets;

// What happens when a budget runs out (DESIGN §1): only Hard lets pre-flight deny a run.
[JsonConverter(typeof(JsonStringEnumConverter<Enforcement>))]
internal enum Enforcement
{
    [JsonStringEnumMemberName("advisory")]
    Advisory,

    [JsonStringEnumMemberName("soft")]
    Soft,

    [JsonStringEnumMemberName("hard")]
    Hard,
}

// The word users see in JSON, Slack and the PR comment.
internal static class EnforcementText
{
    public static string ToText(this Enforcement e) => e switch
    {
        Enforcement.Advisory => "advisory",
        Enforcement.Soft => "soft",
        _ => "hard",
    };
}
