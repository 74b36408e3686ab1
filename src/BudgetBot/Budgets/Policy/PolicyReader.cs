using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// Typed reads over YAML nodes that record an error (with the node's line) instead of throwing, so one
// pass finds every mistake in the file. A read that fails returns null and the caller moves on.
internal sealed class PolicyReader
{
    private readonly List<PolicyError> errors = [];

    public IReadOnlyList<PolicyError> Errors => errors;

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public void Error(Mark at, string message) =>
        errors.Add(new PolicyError(checked((int)at.Line), checked((int)at.Column), message));

    // Keys with no value ("digest:" or "digest: ~") count as absent, so they fall back to the default.
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> Entries(YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{path} must be a mapping of key: value lines");
            return [];
        }

        var entries = new List<(YamlScalarNode, YamlNode)>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value.Length: > 0 } scalar)
            {
                Error(key, $"{path} has a key that is not a plain name");
            }
            else if (!IsNull(value))
            {
                entries.Add((scalar, value));
            }
        }

        return entries;
    }

    // Unknown keys are errors everywhere: a typo ("thresold") must not silently fall back to a default.
    public PolicySection Section(YamlNode node, string path, params string[] known)
    {
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(node, path))
        {
            if (Array.IndexOf(known, key.Value) >= 0)
            {
                values[key.Value!] = value;
            }
            else
            {
                var where = path.Length == 0 ? "top level" : path;
                Error(key, $"unknown key \"{key.Value}\" in {where} (expected one of: {string.Join(", ", known)})");
            }
        }

        return new PolicySection(node, path, values);
    }

    public YamlNode? Required(PolicySection section, string key)
    {
        var node = section[key];
        if (node is null && section.IsMapping)
        {
            Error(section.Node, $"{section.PathOf(key)} is required");
        }

        return node;
    }

    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value.Length: > 0 } scalar && !IsNull(node))
        {
            return scalar.Value;
        }

        Error(node, $"{path} must be a single non-empty value");
        return null;
    }

    public IReadOnlyList<YamlNode> List(YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Error(node, $"{path} must be a list, e.g. [a, b]");
        return [];
    }

    public decimal? Decimal(YamlNode node, string path, Func<decimal, bool> valid, string requirement)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && valid(value))
        {
            return value;
        }

        Error(node, $"{path} must be {requirement} (got \"{text}\")");
        return null;
    }

    public int? Int(YamlNode node, string path, Func<int, bool> valid, string requirement)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && valid(value))
        {
            return value;
        }

        Error(node, $"{path} must be {requirement} (got \"{text}\")");
        return null;
    }
}
