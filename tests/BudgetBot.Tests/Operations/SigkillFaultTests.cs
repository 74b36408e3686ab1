using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Operations;

// Issue 15 ("Done means", fault test): the real service is killed with SIGKILL several times while
// three clients keep it busy: usage batches, signed pull_request deliveries and pre-flights with a
// runId. Each client resends whatever got no answer, as a real one does (same event ids, same
// X-GitHub-Delivery, same runId). After the last restart nothing acknowledged may be lost or counted
// twice, and every PR with usage must have its comment refresh scheduled.
[Trait("Category", "Fault")]
public sealed class SigkillFaultTests : IAsyncLifetime
{
    private const int Kills = 4;
    private const int Pulls = 10;
    private readonly KillableService service = new();
    private readonly ConcurrentDictionary<string, long> usageAcked = new();
    private readonly ConcurrentDictionary<string, bool> deliveriesAcked = new();
    private readonly ConcurrentDictionary<string, string?> preflightAcked = new();
    private readonly ConcurrentQueue<string> serverErrors = new();
    private volatile bool stop;
    private int resends;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await service.StartFirstAsync();

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task KilledDuringIngestionWebhooksAndPreflight_LosesAndDoublesNothingAcknowledged()
    {
        var clients = new[] { UsageClientAsync("a"), UsageClientAsync("b"), WebhookClientAsync(), PreflightClientAsync() };
        var random = new Random(15);
        for (var k = 0; k < Kills; k++)
        {
            await Task.Delay(random.Next(400, 1500), Ct);
            service.Kill();
            await service.StartAsync();
        }
        stop = true;
        await Task.WhenAll(clients);
        await WaitUntilInboxDoneAsync();

        Assert.Empty(serverErrors);
        Assert.Equal(Kills + 1, service.Starts);
        // The kills landed under load: requests went unanswered and were sent again.
        Assert.True(resends >= Kills, $"only {resends} requests were resent");
        await AssertUsageStoredOnceAsync();
        await AssertDeliveriesProcessedOnceAsync();
        await AssertOneReservationPerRunAsync();
        await AssertEveryPullRequestWithUsageHasItsRefreshAsync();
    }

    private async Task UsageClientAsync(string name)
    {
        for (var i = 0; !stop || i < 3; i++)
        {
            var events = Enumerable.Range(0, 4).Select(j =>
            {
                var micros = 10_000L * (1 + ((i * 4) + j) % 7);
                var e = Event($"{name}{i}-{j}", occurredAt: DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), source: "fault")
                    .With("costUsd", micros / 1_000_000m).With("inputTokens", 100).With("outputTokens", 10)
                    .With("repo", "acme/api").With("pr", 100 + ((i + j) % Pulls)).With("workflow", "fault-usage");
                return (Id: $"{name}{i}-{j}", Micros: micros, Body: e);
            }).ToList();
            await UntilAnsweredAsync("usage", () => service.Http.PostAsJsonAsync("/api/usage", Batch([.. events.Select(e => e.Body)]), Ct));
            foreach (var e in events)
            {
                usageAcked[e.Id] = e.Micros;
            }
        }
    }

    private async Task WebhookClientAsync()
    {
        for (var i = 0; !stop || i < Pulls + 2; i++)
        {
            var number = 100 + (i % Pulls);
            var updated = new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero).AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var body = Payloads.PullRequest(i < Pulls ? "opened" : "synchronize", number, (i + 1).ToString("x40", CultureInfo.InvariantCulture),
                $"feature/{number}", updatedAt: updated);
            var delivery = $"fault-delivery-{i}";
            await UntilAnsweredAsync("webhook", () => service.Http.DeliverAsync("pull_request", body, delivery));
            deliveriesAcked[delivery] = true;
        }
    }

    private async Task PreflightClientAsync()
    {
        for (var i = 0; !stop || i < 3; i++)
        {
            var runId = $"fault-run-{i}";
            var answer = await UntilAnsweredAsync("preflight", () => service.Http.PostAsJsonAsync("/api/preflight",
                new { repo = "acme/api", workflow = "claude-review", runId, estimateUsd = 0.25m }, Ct));
            preflightAcked[runId] = answer.TryGetProperty("reservationId", out var id) ? id.GetString() : null;
        }
    }

    // Sends until a 2xx answer arrives; a refused or reset connection (the kill) is resent as it was.
    private async Task<JsonElement> UntilAnsweredAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        var giveUp = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(giveUp.Elapsed < TimeSpan.FromSeconds(60), $"{what} got no answer within 60 s:\n{service.Output}");
            try
            {
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                }
                Assert.True((int)response.StatusCode >= 500, $"{what} was refused: {(int)response.StatusCode} {text}");
                serverErrors.Enqueue($"{what}: {(int)response.StatusCode} {text}");
            }
            catch (HttpRequestException)
            {
                // Killed mid-request, or not listening yet: no answer, so it is sent again.
            }
            catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
            {
                // A request the dying process never answered: the client's timeout, then a resend.
            }
            Interlocked.Increment(ref resends);
            await Task.Delay(50, Ct);
        }
    }

    private async Task WaitUntilInboxDoneAsync()
    {
        var waited = Stopwatch.StartNew();
        while ((await service.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox WHERE state <> 'done';"))[0] > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the inbox did not drain after the last restart:\n" +
                string.Join("\n", await service.QueryAsync<string>("SELECT delivery_id || ' ' || state || ' ' || COALESCE(last_error, '') FROM github_inbox WHERE state <> 'done';")));
            await Task.Delay(100, Ct);
        }
    }

    private async Task AssertUsageStoredOnceAsync()
    {
        var stored = await service.QueryAsync<(string EventId, long Micros)>("SELECT event_id, cost_micros FROM usage_events WHERE source = 'fault';");
        Assert.Equal(stored.Count, stored.Select(s => s.EventId).Distinct().Count());
        Assert.Equal(usageAcked.Keys.Order(StringComparer.Ordinal), stored.Select(s => s.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(usageAcked.Values.Sum(), stored.Sum(s => s.Micros));
        Assert.True(usageAcked.Count >= 24, $"only {usageAcked.Count} usage events were acknowledged");
    }

    private async Task AssertDeliveriesProcessedOnceAsync()
    {
        var rows = await service.QueryAsync<(string Delivery, string State, long Attempts)>(
            "SELECT delivery_id, state, attempts FROM github_inbox;");
        Assert.Equal(deliveriesAcked.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Delivery).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(("done", 0L), (r.State, r.Attempts)));
        // Every delivery's head SHA is known once, under its PR.
        var shas = await service.QueryAsync<(string Sha, long Number)>("SELECT sha, number FROM pr_head_shas WHERE repo = 'acme/api';");
        var expected = deliveriesAcked.Keys.Select(d => int.Parse(d["fault-delivery-".Length..], CultureInfo.InvariantCulture))
            .Select(i => ((i + 1).ToString("x40", CultureInfo.InvariantCulture), (long)(100 + (i % Pulls))));
        Assert.Equal(expected.Order(), shas.Order());
        Assert.Equal(Pulls, (await service.QueryAsync<long>("SELECT COUNT(*) FROM pull_requests WHERE repo = 'acme/api';"))[0]);
    }

    private async Task AssertOneReservationPerRunAsync()
    {
        var held = await service.QueryAsync<(string RunId, string ReservationId)>(
            "SELECT DISTINCT run_id, reservation_id FROM reservations WHERE run_id LIKE 'fault-run-%';");
        var answered = preflightAcked.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!)).Order().ToList();
        Assert.True(answered.Count >= 3, $"only {answered.Count} pre-flights were answered with a reservation");
        Assert.Equal(answered, held.Order());
    }

    private async Task AssertEveryPullRequestWithUsageHasItsRefreshAsync()
    {
        var withUsage = await service.QueryAsync<long>("SELECT DISTINCT pr FROM usage_events WHERE source = 'fault' AND pr IS NOT NULL;");
        var scheduled = await service.QueryAsync<string>("SELECT DISTINCT target FROM outbox_messages WHERE kind = 'pr-comment';");
        Assert.True(withUsage.Count >= 4, $"usage named only {withUsage.Count} PRs");
        Assert.All(withUsage, pr => Assert.Contains($"github:acme/api#{pr}:comment", scheduled));
    }
}
