using BudgetBot.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Tests.Infra;

// Every YAML file we ship for deployment or CI must at least parse: a broken manifest is found here,
// not at deploy time.
public sealed class YamlFilesTests
{
    public static TheoryData<string> Files()
    {
        var root = RepoRoot.Find();
        var files = new[] { "infra", ".github" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot.Find(), relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        Assert.NotEmpty(stream.Documents);
        Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    [Fact]
    public void TheKubernetesDeployment_RunsThreeReplicasWithProbes()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "k8s", "deployment.yaml"));
        Assert.Contains("replicas: 3", text);
        Assert.Contains("path: /healthz", text);
        Assert.Contains("path: /readyz", text);
        Assert.Contains("secretKeyRef", text);
    }
}
