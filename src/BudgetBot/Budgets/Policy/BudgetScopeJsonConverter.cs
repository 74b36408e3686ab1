using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBot.Budgets;

// A scope is written as its text ("team:platform") wherever it appears in JSON.
internal sealed class BudgetScopeJsonConverter : JsonConverter<BudgetScope>
{
    public override BudgetScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BudgetScope.TryParse(reader.GetString(), out var scope) ? scope : throw new JsonException("not a budget scope");

    public override void Write(Utf8JsonWriter writer, BudgetScope value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
