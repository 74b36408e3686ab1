using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// Parses the policy file into a BudgetPolicy, reporting every mistake with its line in one pass.
// Pure: no clock, no file system. YAML syntax errors stop the pass (there is no tree to walk), so
// they come back alone.
internal static partial class PolicyParser
{
    private static readonly string[] TopLevelKeys =
    [
        "timezone", "teams", "budgets", "approvals", "founders", "experiments",
        "alerts", "digest", "pricing", "prComments", "users", "providers", "people", "requests",
        "estimates", "routing", "anomalies",
    ];

    // knownModel: whether the price catalog knows a model; `policy check` passes it, so a routing rule
    // naming a model nobody can price is refused. Null skips that check (the service tolerates it).
    public static PolicyParseResult Parse(string yaml, Func<string, bool>? knownModel = null)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            // Start is where the broken construct began, End where the scanner gave up; both help.
            var message = MarkPrefix().Replace(ex.Message, "");
            return SyntaxError(ex.Start, ex.End.Line > ex.Start.Line ? $"{message} (lines {ex.Start.Line}-{ex.End.Line})" : message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections
            // ("[a, b" followed by more lines); the last event it read is next to the mistake.
            return SyntaxError(parser.Current?.Start ?? Mark.Empty, "cannot read the file from here on; is a [, { or quote left open?");
        }

        if (stream.Documents.Count == 0)
        {
            return new PolicyParseResult(null, [new PolicyError(1, 1, "the policy file is empty")]);
        }

        var reader = new PolicyReader();
        if (stream.Documents.Count > 1)
        {
            reader.Error(stream.Documents[1].RootNode, "the policy file must hold one YAML document, not several");
        }

        var policy = Build(reader, stream.Documents[0].RootNode, knownModel);
        var errors = reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return errors.Count == 0 ? new PolicyParseResult(policy, []) : new PolicyParseResult(null, errors);
    }

    private static PolicyParseResult SyntaxError(Mark at, string message) =>
        new(null, [new PolicyError((int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), $"invalid YAML: {message}")]);

    private static BudgetPolicy Build(PolicyReader reader, YamlNode root, Func<string, bool>? knownModel)
    {
        if (root is not YamlMappingNode)
        {
            reader.Error(root, "the policy file must be a mapping of keys such as timezone, teams and budgets");
            return BudgetPolicy.Empty;
        }

        var top = reader.Section(root, "", TopLevelKeys);
        var teams = TeamsParser.Parse(reader, top["teams"]);
        var founders = SlackUserList.Parse(reader, top["founders"], "founders");
        var digest = top["digest"] is { } digestNode ? PolicyCron.Read(reader, digestNode, "digest") : null;
        var users = SettingsParser.Users(reader, top["users"]);
        PeopleParser.Parse(reader, top["people"], users);
        return new BudgetPolicy(
            top["timezone"] is { } zoneNode ? TimeZone(reader, zoneNode) : TimeZoneInfo.Utc,
            teams,
            BudgetsParser.Parse(reader, top["budgets"], teams),
            ApprovalsParser.Parse(reader, top["approvals"], founders),
            founders,
            SettingsParser.Experiments(reader, top["experiments"]),
            SettingsParser.Alerts(reader, top["alerts"]),
            digest?.Cron,
            digest?.Text,
            SettingsParser.Pricing(reader, top["pricing"]),
            SettingsParser.PrComments(reader, top["prComments"]),
            users)
        {
            Providers = ProvidersParser.Parse(reader, top["providers"], teams),
            Requests = SettingsParser.Requests(reader, top["requests"]),
            Estimates = EstimatesParser.Parse(reader, top["estimates"]),
            Routing = RoutingParser.Parse(reader, top["routing"], knownModel),
            Anomalies = AnomaliesParser.Parse(reader, top["anomalies"]),
        };
    }

    // IANA ids only: a Windows id ("W. Europe Standard Time") resolves on Linux too, but would tie the
    // file to a conversion table and read differently across hosts.
    private static TimeZoneInfo TimeZone(PolicyReader reader, YamlNode node)
    {
        if (reader.Text(node, "timezone") is not { } id)
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId)
        {
            return zone;
        }

        reader.Error(node, $"timezone \"{id}\" is not an IANA time zone id such as Europe/Berlin, America/New_York or UTC");
        return TimeZoneInfo.Utc;
    }

    // YamlException messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the line is reported
    // separately, so the prefix is noise.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}

// Policy is null exactly when Errors is not empty: a half-valid policy is never handed out.
internal sealed record PolicyParseResult(BudgetPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

// Line and Column are 1-based, as editors count them.
internal sealed record PolicyError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
