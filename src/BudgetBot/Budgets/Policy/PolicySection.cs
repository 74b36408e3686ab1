using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// A mapping with a fixed set of keys, already checked for unknown ones. Node is where "missing key"
// errors point.
internal sealed class PolicySection(YamlNode node, string path, Dictionary<string, YamlNode> values)
{
    public YamlNode Node { get; } = node;

    // False when the node was not a mapping: that error is already reported, so "missing key" errors
    // for it would only repeat it.
    public bool IsMapping => Node is YamlMappingNode;

    public string Path { get; } = path;

    public YamlNode? this[string key] => values.GetValueOrDefault(key);

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
