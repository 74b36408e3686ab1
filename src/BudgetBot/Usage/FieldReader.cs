using System.Text.Json;
using BudgetBot.Operations;

namespace BudgetBot.Usage;

// Typed reads of one event's fields, each adding an error instead of throwing.
internal readonly struct FieldReader(JsonElement e, int index, List<FieldError> errors)
{
    public string? String(string name, bool required = false, int max = 200)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new FieldError(index, name, "is required"));
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(index, name, "must be a string"));
            return null;
        }
        var s = v.GetString()!;
        if (s.Length == 0 || s.Length > max)
        {
            errors.Add(new FieldError(index, name, $"must be 1 to {max} characters"));
            return null;
        }
        return s;
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var s = String(name, required: true, max: 40);
        if (s is null)
        {
            return null;
        }
        var t = UsageEventReader.ParseTimestamp(s);
        if (t is null)
        {
            errors.Add(new FieldError(index, name, "must be an RFC 3339 timestamp with an offset, e.g. 2026-03-02T10:15:00Z"));
        }
        return t;
    }

    public long Tokens(string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 0 || n > UsageBounds.MaxTokens)
        {
            errors.Add(new FieldError(index, name, UsageBounds.TokensMessage));
            return 0;
        }
        return n;
    }

    public decimal? Cost(string name) => Cost(name, UsageBounds.MaxCostUsd, UsageBounds.CostMessage);

    public decimal? Cost(string name, decimal max, string message)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) || d < 0 || d > max)
        {
            errors.Add(new FieldError(index, name, message));
            return null;
        }
        return d;
    }

    public int? PositiveInt(string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < 1)
        {
            errors.Add(new FieldError(index, name, "must be an integer >= 1"));
            return null;
        }
        return n;
    }

    // Run and job ids are GitHub's int64 ids, sent as numbers or strings; stored as text.
    public string? Identifier(string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0)
        {
            return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 100 } s)
        {
            return s;
        }
        errors.Add(new FieldError(index, name, "must be a non-negative integer or a string of 1 to 100 characters"));
        return null;
    }
}
