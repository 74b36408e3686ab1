using System.Text;
using static BudgetBot.GitHub.Markdown;

namespace BudgetBot.GitHub;

// The sticky cost comment (DESIGN §9) as a pure function of the PR's spend: same data, same body,
// byte for byte, so an unchanged body can be skipped by its hash. Never ranks people: there is no
// per-actor view, only workflows, models and runs.
internal static class PrCommentRenderer
{
    public const string Marker = "<!-- budgetbot:pr-cost -->";

    // GitHub refuses bodies over 65,536 characters; stay well under it whatever the PR's size.
    public const int MaxLength = 60_000;

    internal const int MaxTableRows = 25;

    public static string Render(PrSpend s)
    {
        var b = new StringBuilder();
        b.Append(Marker).Append('\n');
        b.Append("### Agent spend on this PR: ").Append(Usd(s.TotalMicros)).Append('\n').Append('\n');
        foreach (var warning in PrBudgetLines.Warnings(s.Budgets))
        {
            b.Append("> ").Append(warning).Append("\n\n");
        }
        b.Append(s.Events).Append(s.Events == 1 ? " usage event" : " usage events").Append(" from ")
            .Append(s.ByWorkflow.Count).Append(s.ByWorkflow.Count == 1 ? " workflow" : " workflows").Append(".\n\n");
        Workflows(b, s.ByWorkflow);
        Models(b, s.ByModel);
        TokenLine(b, s);
        PrBudgetLines.Table(b, s.Budgets);
        Comparison(b, s);
        if (s.Routing is { } routing)
        {
            b.Append(routing.Render()).Append("\n\n");
        }
        var footer = Footer(s);
        Runs(b, s.Runs, MaxLength - b.Length - footer.Length);
        b.Append(footer);
        return b.ToString();
    }

    private static void Workflows(StringBuilder b, IReadOnlyList<WorkflowSpend> rows)
    {
        b.Append("| Workflow | Runs | Models | Tokens | Cost |\n|---|---:|---|---:|---:|\n");
        foreach (var w in rows.Take(MaxTableRows))
        {
            b.Append("| ").Append(Cell(w.Workflow)).Append(" | ").Append(w.Runs).Append(" | ").Append(List(w.Models))
                .Append(" | ").Append(Tokens(w.Tokens)).Append(" | ").Append(Usd(w.CostMicros)).Append(" |\n");
        }
        More(b, rows.Count, "workflows");
        b.Append('\n');
    }

    private static void Models(StringBuilder b, IReadOnlyList<ModelSpend> rows)
    {
        b.Append("| Model | Events | Tokens | Cost |\n|---|---:|---:|---:|\n");
        foreach (var m in rows.Take(MaxTableRows))
        {
            b.Append("| ").Append(Cell(m.Model)).Append(" | ").Append(m.Events).Append(" | ").Append(Tokens(m.Tokens))
                .Append(" | ").Append(Usd(m.CostMicros)).Append(" |\n");
        }
        More(b, rows.Count, "models");
        b.Append('\n');
    }

    private static void TokenLine(StringBuilder b, PrSpend s)
    {
        var t = s.Tokens;
        b.Append("**Tokens:** ").Append(Tokens(t.Total)).Append(" (input ").Append(Tokens(t.Input))
            .Append(", output ").Append(Tokens(t.Output)).Append(", cache read ").Append(Tokens(t.CacheRead))
            .Append(", cache write ").Append(Tokens(t.CacheWrite5m + t.CacheWrite1h)).Append(')');
        if (t.CacheHitRatio is { } ratio)
        {
            b.Append(" · cache hit ratio ").Append(Percent(ratio));
        }
        if (t.Total > 0)
        {
            b.Append(" · effective ").Append(Usd((long)Math.Round(s.TotalMicros * 1_000_000m / t.Total))).Append(" / M tokens");
        }
        b.Append("\n\n");
    }

    private static void Comparison(StringBuilder b, PrSpend s)
    {
        if (s.MergedPrs is not { } m)
        {
            return;
        }
        b.Append("**Compared with ").Append(m.MergedPrs).Append(m.MergedPrs == 1 ? " merged PR" : " merged PRs")
            .Append(" in ").Append(Cell(s.Repo)).Append(":** median ").Append(Usd(m.MedianMicros))
            .Append(" · p90 ").Append(Usd(m.P90Micros));
        if (m.MedianMicros > 0)
        {
            b.Append(" · this PR is ").Append(Number((decimal)s.TotalMicros / m.MedianMicros)).Append("× the median");
        }
        b.Append("\n\n");
    }

    // Runs are sorted by cost, so when the body must be cut the costliest runs stay visible.
    private static void Runs(StringBuilder b, IReadOnlyList<RunSpend> runs, int room)
    {
        var head = $"<details><summary>Per-run breakdown ({runs.Count} {(runs.Count == 1 ? "run" : "runs")})</summary>\n\n" +
            "| Run | Workflow | Models | Events | Tokens | Cost |\n|---|---|---|---:|---:|---:|\n";
        const int tailRoom = 64;
        var section = new StringBuilder(head);
        var shown = 0;
        foreach (var r in runs)
        {
            var row = $"| {(r.RunId is null ? "—" : Cell(r.RunId))} | {Cell(r.Workflow)} | {List(r.Models, 3)} | {r.Events} | {Tokens(r.Tokens)} | {Usd(r.CostMicros)} |\n";
            if (section.Length + row.Length + tailRoom > room)
            {
                break;
            }
            section.Append(row);
            shown++;
        }
        if (shown < runs.Count)
        {
            section.Append("\n_and ").Append(runs.Count - shown).Append(" more runs_\n");
        }
        b.Append(section).Append("\n</details>\n\n");
    }

    private static string Footer(PrSpend s) =>
        "<sub>BudgetBot · list prices less discounts unless the source reported its cost" +
        (s.UnpricedEvents > 0 ? $" · {s.UnpricedEvents} event(s) of an unknown model not priced yet" : "") + "</sub>\n";

    private static void More(StringBuilder b, int count, string what)
    {
        if (count > MaxTableRows)
        {
            b.Append("\n_and ").Append(count - MaxTableRows).Append(" more ").Append(what).Append("_\n");
        }
    }
}
