using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;
using Microsoft.Extensions.Options;

namespace BudgetBot.Preflight;

// May this run start? Only hard budgets deny. The check and the hold happen in one write
// transaction that serialises with every other pre-flight on the same budgets (BEGIN IMMEDIATE on
// SQLite, applocks on SQL Server), so 50 parallel asks against room for 10 allow exactly 10.
internal sealed class PreflightService(
    Database db, BudgetStatusService budgets, BudgetLedger ledger, IPolicyProvider policy, TimeProvider clock, IOptions<PreflightOptions> options,
    IRunEstimator estimator)
{
    internal static readonly SqlStatement Lock = new(
        "Preflight.Lock",
        "SELECT 1;",
        "EXEC sp_getapplock @Resource = @Resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;");

    internal static readonly SqlStatement Reserve = new(
        "Preflight.Reserve",
        "INSERT INTO reservations (reservation_id, budget_id, period_start_ms, run_id, amount_micros, created_at_ms, expires_at_ms, released_at_ms) " +
        "VALUES (@ReservationId, @BudgetId, @PeriodStartMs, @RunId, @AmountMicros, @CreatedAtMs, @ExpiresAtMs, NULL);");

    public async Task<PreflightDecision> DecideAsync(PreflightRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var team = request.Team ?? policy.Current.ResolveTeam(request.Repo);
        var scopes = BudgetScope.Of(team, request.Repo, request.Workflow, request.Experiment).ToHashSet();
        var matching = (await budgets.ActiveAsync(now, ct)).Where(b => scopes.Contains(b.Scope)).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        var learned = request.EstimateUsd is { } given
            ? new PreflightEstimate(given, "the caller's estimate")
            : await estimator.EstimateAsync(request.Repo, request.Workflow, ct);
        var expires = now.AddMinutes(options.Value.ReservationTtlMinutes).ToUnixTimeMilliseconds();
        return await db.WriteAsync(async (c, tx) =>
        {
            if (request.RunId is not null && await PreflightRuns.ClaimAsync(db, c, tx, request.RunId, now) is { } first)
            {
                return first;
            }
            var decision = await DecideInAsync(c, tx, request, matching, learned, expires, now);
            if (request.RunId is not null)
            {
                await PreflightRuns.SettleAsync(db, c, tx, request.RunId, decision, expires);
            }
            return decision;
        }, ct);
    }

    private async Task<PreflightDecision> DecideInAsync(
        DbConnection c, DbTransaction tx, PreflightRequest request, List<ActiveBudget> matching, PreflightEstimate learned, long expires, DateTimeOffset now)
    {
        var estimate = Money.ToMicros(learned.Usd);
        foreach (var b in matching)
        {
            await c.ExecuteAsync(db.Sql(Lock), new { Resource = "budgetbot:budget:" + b.Id }, tx);
        }
        var statuses = new List<BudgetStatus>();
        foreach (var b in matching)
        {
            statuses.Add(BudgetCalculator.Status(b, await ledger.FiguresAsync(c, tx, b, now), now));
        }
        var blocking = statuses.FirstOrDefault(s => s.Enforcement == Enforcement.Hard && Money.ToMicros(s.RemainingUsd) < estimate);
        if (blocking is not null)
        {
            return new PreflightDecision(false, DenyReason(blocking, learned.Usd), null,
                statuses.Select(s => new PreflightBudget(s.Id, s.RemainingUsd, s.State)).ToList())
            {
                Estimate = learned, SuggestedModel = policy.Current.RoutingFor(request.Workflow)?.Suggest(statuses),
            };
        }
        string? reservationId = null;
        if (estimate > 0 && matching.Count > 0)
        {
            reservationId = "rsv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            foreach (var b in matching)
            {
                await c.ExecuteAsync(db.Sql(Reserve), new
                {
                    ReservationId = reservationId, BudgetId = b.Id, PeriodStartMs = b.Period.Start.ToUnixTimeMilliseconds(),
                    request.RunId, AmountMicros = estimate, CreatedAtMs = now.ToUnixTimeMilliseconds(), ExpiresAtMs = expires,
                }, tx);
            }
        }
        var suggested = policy.Current.RoutingFor(request.Workflow)?.Suggest(statuses);
        var after = statuses.Select(s => new PreflightBudget(s.Id, s.RemainingUsd - Money.FromMicros(reservationId is null ? 0 : estimate), s.State)).ToList();
        var reason = matching.Count == 0 ? "no budget covers this run" : "within budget";
        return new PreflightDecision(true, reason, reservationId, after) { Estimate = learned, SuggestedModel = suggested };
    }

    private static string DenyReason(BudgetStatus s, decimal estimate) => string.Format(
        CultureInfo.InvariantCulture,
        "hard budget '{0}' has ${1:0.00} left and this run estimates ${2:0.00}; ask for more in Slack with /budget request <amount> for {0} <reason>",
        s.Id, s.RemainingUsd, estimate);
}

// What a run is expected to cost when the caller did not say, learned from history (Foresight
// implements it). Basis says where the figure came from, in words the caller can show.
internal interface IRunEstimator
{
    Task<PreflightEstimate> EstimateAsync(string? repo, string? workflow, CancellationToken ct);
}

internal sealed class PreflightOptions
{
    // A run that never reports must not hold money for ever.
    public int ReservationTtlMinutes { get; set; } = 120;
}
