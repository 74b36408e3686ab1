using System.Text.Json.Serialization;

namespace BudgetBot.Budgets;

// Where a budget stands (DESIGN §7): warning past its first threshold, exceeded once spend reaches
// limit + granted.
[JsonConverter(typeof(JsonStringEnumConverter<BudgetState>))]
internal enum BudgetState
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("exceeded")]
    Exceeded,
}

// The word users see in JSON, Slack and the PR comment.
internal static class BudgetStateText
{
    public static string ToText(this BudgetState s) => s switch
    {
        BudgetState.Ok => "ok",
        BudgetState.Warning => "warning",
        _ => "exceeded",
    };
}
