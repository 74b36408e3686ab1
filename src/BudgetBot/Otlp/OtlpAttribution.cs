using System.Globalization;
using System.Text.RegularExpressions;
using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// DESIGN §6: where the spend came from, under BudgetBot's short keys or the OTel VCS/CI conventions.
// A value that is not valid for its field is left out rather than rejecting the spend with it.
internal static partial class OtlpAttribution
{
    public static UsageEvent Attribute(this UsageEvent e, OtlpAttributes a) => e with
    {
        Repo = Repo(a),
        Pr = PositiveInt(a.First("pr.number", "vcs.change.id")),
        Branch = Limit(a.First("git.branch", "vcs.ref.head.name"), 400),
        Sha = a.First("git.sha", "vcs.ref.head.revision") is { } sha && Sha().IsMatch(sha) ? sha.ToLowerInvariant() : null,
        RunId = Limit(a.First("github.run_id", "cicd.pipeline.run.id"), 200),
        Workflow = Limit(a.First("workflow.name", "github.workflow", "cicd.pipeline.name"), 200),
        Team = Limit(a.Get("team.id"), 100),
        Experiment = Limit(a.Get("experiment.id"), 200),
    };

    public static string? Provider(OtlpAttributes a, string? fallback) =>
        Limit(a.First("gen_ai.provider.name", "gen_ai.system"), 100)?.ToLowerInvariant() ?? fallback;

    private static string? Repo(OtlpAttributes a) =>
        RepoNames.Normalize(a.Get("repo"))
        ?? RepoNames.Normalize(a.Get("vcs.repository.name"), a.Get("vcs.owner.name"))
        ?? RepoNames.FromUrl(a.Get("vcs.repository.url.full"));

    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static string? Limit(string? text, int max) => text is not null && text.Length <= max ? text : null;

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex Sha();
}
