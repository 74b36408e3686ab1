using BudgetBot.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Tests.Infra;

// The YAML we ship for deployment and CI (infra/, .github/): each file parses, and the facts a deploy
// depends on hold, so a broken manifest is found here, not at deploy time.
public sealed class DeploymentFilesTests
{
    public static TheoryData<string> YamlFiles()
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
    [MemberData(nameof(YamlFiles))]
    public void EveryShippedYamlFile_ParsesToAMapping(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot.Find(), relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        Assert.NotEmpty(stream.Documents);
        Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    [Fact]
    public void KubernetesDeployment_RunsThreeReplicas_WithLivenessAndReadinessProbes()
    {
        var deployment = Load("infra/k8s/deployment.yaml");
        var container = At(deployment, "spec", "template", "spec", "containers", "0");

        Assert.Equal("3", Text(deployment, "spec", "replicas"));
        Assert.Equal("/healthz", Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Text(container, "readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void KubernetesDeployment_ReadsEverySecretFromTheSecretThatTheExampleDefines()
    {
        var container = At(Load("infra/k8s/deployment.yaml"), "spec", "template", "spec", "containers", "0");
        var fromSecrets = ((YamlSequenceNode)At(container, "env")).Children
            .Where(e => e is YamlMappingNode m && m.Children.ContainsKey("valueFrom"))
            .Select(e => (Name: Text(e, "valueFrom", "secretKeyRef", "name"), Key: Text(e, "valueFrom", "secretKeyRef", "key")))
            .ToList();
        var example = Load("infra/k8s/secret.example.yaml");
        var defined = ((YamlMappingNode)At(example, "stringData")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        Assert.Contains(fromSecrets, s => s.Key == "connection-string");
        Assert.All(fromSecrets, s => Assert.Equal(Text(example, "metadata", "name"), s.Name));
        Assert.All(fromSecrets, s => Assert.Contains(s.Key, defined));
    }

    [Fact]
    public void KubernetesService_RoutesToTheDeploymentsPodsAndContainerPort()
    {
        var deployment = Load("infra/k8s/deployment.yaml");
        var service = Load("infra/k8s/service.yaml");
        var port = At(deployment, "spec", "template", "spec", "containers", "0", "ports", "0", "containerPort");

        Assert.Equal(Text(deployment, "spec", "template", "metadata", "labels", "app"), Text(service, "spec", "selector", "app"));
        Assert.Equal(((YamlScalarNode)port).Value, Text(service, "spec", "ports", "0", "targetPort"));
    }

    [Fact]
    public void ComposeFile_StartsBudgetBotOnSqlServer_OnlyOnceTheServerIsHealthy()
    {
        var compose = Load("infra/docker-compose.yml");

        Assert.Equal("service_healthy", Text(compose, "services", "budgetbot", "depends_on", "sqlserver", "condition"));
        Assert.Equal("sqlserver", Text(compose, "services", "budgetbot", "environment", "Storage__Provider"));
        Assert.Contains("Server=sqlserver,", Text(compose, "services", "budgetbot", "environment", "ConnectionStrings__BudgetBot"), StringComparison.Ordinal);
        Assert.NotNull(At(compose, "services", "sqlserver", "healthcheck", "test"));
    }

    [Fact]
    public void ComposeFile_ConnectsWithTheSqlServerPasswordItSets()
    {
        var compose = Load("infra/docker-compose.yml");
        var password = Text(compose, "services", "sqlserver", "environment", "MSSQL_SA_PASSWORD");

        Assert.Contains("Password=" + password + ";", Text(compose, "services", "budgetbot", "environment", "ConnectionStrings__BudgetBot"), StringComparison.Ordinal);
    }

    [Fact]
    public void SlackManifest_SendsCommandsEventsAndClicksToTheSlackRoutes()
    {
        var manifest = Load("infra/slack/manifest.yaml");

        Assert.Equal("/slack/commands", new Uri(Text(manifest, "features", "slash_commands", "0", "url")).AbsolutePath);
        Assert.Equal("/slack/events", new Uri(Text(manifest, "settings", "event_subscriptions", "request_url")).AbsolutePath);
        Assert.Equal("/slack/interactivity", new Uri(Text(manifest, "settings", "interactivity", "request_url")).AbsolutePath);
    }

    private static YamlNode Load(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot.Find(), relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    // A path of mapping keys and sequence indexes; fails naming the first step that is missing.
    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node switch
            {
                YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode(step), out var child) => child,
                YamlSequenceNode s when int.TryParse(step, out var i) && i < s.Children.Count => s.Children[i],
                _ => throw new InvalidOperationException($"No '{step}' in {string.Join('.', path)}"),
            };
        }
        return node;
    }

    private static string Text(YamlNode node, params string[] path) =>
        Assert.IsType<YamlScalarNode>(At(node, path)).Value ?? "";
}
