using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using BudgetBot.Dashboard;
using BudgetBot.Slack;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;
using static BudgetBot.Slack.SlackText;

namespace BudgetBot.Alerts;

// The scheduled digest for one team channel: budgets with a text bar, the costliest workflows per
// unit of work, routing savings, pending requests, unpriced models. At most seven blocks, each cut to its limit.
internal static class DigestMessage
{
    private const int ListMax = SectionTextMax - 200;

    public static string Render(TeamDigest d)
    {
        var spent = d.Budgets.Sum(b => b.SpentUsd);
        var text = $"AI spend digest for {Escape(d.Team)}: {Plural(d.Budgets.Count, "budget", "budgets")}, " +
            Plural(d.Pending.Count, "pending request", "pending requests");
        var blocks = new List<JsonObject>
        {
            Header($"AI spend digest: {d.Team}", emoji: true),
            Section("*Budgets*\n" + (d.Budgets.Count == 0 ? "_No budgets route to this team._" : Lines(d.Budgets.Select(b => BudgetLine(b, d.Links)).ToList(), ListMax))),
            Section(WorkflowsText(d)),
        };
        if (d.Routing.Count > 0)
        {
            blocks.Add(Section(RoutingText(d)));
        }
        blocks.Add(Section("*Pending requests*\n" + (d.Pending.Count == 0 ? "_None._" : Lines(d.Pending.Select(PendingLine).ToList(), ListMax, 10))));
        if (d.Unpriced.Count > 0)
        {
            blocks.Add(Section(ThresholdAlertMessage.UnpricedText(d.Unpriced)));
        }
        blocks.Add(Context(
            $"{Day(d.From)} to {Day(d.To)} (UTC). Workflows are ranked by cost per unit of work, never by person." +
            (d.Budgets.Count > 0 ? $" Spent this period across these budgets: {Usd(spent)}." : "") +
            (d.Links is { } links ? $" {Link(links.Overview, "Open the dashboard")} · {Link(links.Spend, "spend over time")}" : "")));
        return PostMessage(d.Channel, text, blocks);
    }

    private static string BudgetLine(BudgetStatus b, DashboardLinks? links)
    {
        var available = b.LimitUsd + b.GrantedUsd;
        var name = links is null ? Escape(b.Id) : Link(links.Budget(b.Id), b.Id);
        var line = $"*{name}* `{Gauge(b.PercentUsed)}` {Usd(b.SpentUsd)} of {Usd(available)}, resets {Date(b.ResetsAt)}";
        if (b.State == BudgetState.Exceeded)
        {
            line += ", *exceeded*";
        }
        else if (ForecastAlerts.RunsOutEarly(b))
        {
            line += $", at this rate {ForecastAlertMessage.RunsOut(b)}";
        }
        else if (b.ProjectedUsd > available)
        {
            line += $", projected {Usd(b.ProjectedUsd)}";
        }
        return line;
    }

    private static string WorkflowsText(TeamDigest d)
    {
        var title = $"*Costliest workflows* (last {(d.To - d.From).TotalDays:0} days, by cost per {(d.MergeDataKnown ? "merged PR, then per run" : "run")})\n";
        if (d.Workflows.Count == 0)
        {
            return title + "_No workflow spend in this window._";
        }
        var lines = d.Workflows.Select((w, i) =>
        {
            var parts = new List<string>();
            if (w.PerMergedPrMicros is { } perPr)
            {
                parts.Add($"*{Usd(perPr)}* per merged PR ({w.MergedPrs} merged)");
            }
            if (w.PerRunMicros is { } perRun)
            {
                parts.Add($"{(parts.Count == 0 ? $"*{Usd(perRun)}*" : Usd(perRun))} per run ({Plural(w.Runs, "run", "runs")})");
            }
            parts.Add($"{Usd(w.CostMicros)} in total");
            return $"{i + 1}. `{Escape(w.Workflow)}`: {string.Join(", ", parts)}";
        }).ToList();
        return title + Lines(lines, ListMax);
    }

    // The same tokens on the cheaper model the policy prefers; BudgetBot only advises.
    private static string RoutingText(TeamDigest d) =>
        "*Routing savings* (the same tokens on a preferred model)\n" + Lines(d.Routing.Select((w, i) =>
        {
            var best = w.Best!;
            return $"{i + 1}. `{Escape(w.Workflow)}`: {Usd(best.ActualUsd)} on {Escape(string.Join(", ", best.Replaces))} would have been " +
                $"{Usd(best.WhatIfUsd)} on {Escape(best.Model)}, *{Usd(best.SavingUsd)} less*";
        }).ToList(), ListMax);

    private static string PendingLine(Slack.PendingRequest r) =>
        $"`{Escape(r.Id)}` +{Usd(r.AmountUsd)} for *{Escape(r.BudgetId)}* from {RequestCards.Who(r.RequestedBy)}, since {Date(r.CreatedAt)}: " +
        Escape(Truncate(r.Reason, 200));

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);
}
