using System.Diagnostics.Metrics;

namespace BudgetBot.GitHub;

// Deliveries refused at the door (no event header, no or a wrong signature): anyone on the internet
// can send them, so they are a Warning, at most one line per reason a minute (saying how many were
// left unlogged), and counted in budgetbot.github.webhook.refused by reason.
internal sealed partial class WebhookRefusals
{
    public const string MeterName = "BudgetBot.GitHub";
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly Counter<long> refused;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookRefusals> logger;
    private readonly Dictionary<string, (DateTimeOffset LoggedAt, long Unlogged)> lastLogged = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public WebhookRefusals(IMeterFactory meters, TimeProvider clock, ILogger<WebhookRefusals> logger)
    {
        refused = meters.Create(MeterName).CreateCounter<long>("budgetbot.github.webhook.refused", unit: "{delivery}",
            description: "Webhook deliveries answered 400 because the event header or the signature was missing or wrong.");
        this.clock = clock;
        this.logger = logger;
    }

    public void Refuse(string reason, string? remote)
    {
        refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var now = clock.GetUtcNow();
        long unlogged;
        lock (gate)
        {
            if (lastLogged.TryGetValue(reason, out var last) && now - last.LoggedAt < Quiet)
            {
                lastLogged[reason] = last with { Unlogged = last.Unlogged + 1 };
                return;
            }
            unlogged = last.Unlogged;
            lastLogged[reason] = (now, 0);
        }
        LogRefused(logger, reason, remote, unlogged);
    }

    [LoggerMessage(EventId = 15010, Level = LogLevel.Warning,
        Message = "GitHub webhook refused with 400: {Reason} (from {Remote}); {Unlogged} more refused for this reason since the last line")]
    private static partial void LogRefused(ILogger logger, string reason, string? remote, long unlogged);
}
