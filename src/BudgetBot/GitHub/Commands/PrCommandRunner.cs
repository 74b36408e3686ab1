using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Outbox;
using BudgetBot.Storage;

namespace BudgetBot.GitHub;

// Acts on one taken command in one write transaction: its github_commands row first (a redelivery
// or retry meets the primary key and stops), the request it files with its Slack card, and the
// outbox rows that answer on the PR (eyes, the reply, then +1 or confused; the reactions only for
// a comment). A second request from the same user on the same PR while one is pending meets the
// open_key index instead and is answered with a link to the pending one.
internal sealed partial class PrCommandRunner(
    Database db,
    PrCommandStore store,
    IBudgetRequests requests,
    OutboxStore outbox,
    OutboxWorker worker,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<PrCommandRunner> logger)
{
    public async Task RunAsync(PrCommandRow row, long? commentId, PrAnswer answer, CancellationToken ct)
    {
        var openKey = answer.Ask is null ? null : PrCommandStore.OpenKey(row.Repo, row.Pr, row.Login);
        if (await TryWriteAsync(row.Key, (c, tx) => ActAsync(c, tx, row with { OpenKey = openKey }, commentId, answer, ct), ct) is not { } filed)
        {
            return;
        }
        if (filed == Conflict.OpenRequest)
        {
            LogAlreadyPending(logger, row.Login, row.Repo, row.Pr);
            await TryWriteAsync(row.Key, async (c, tx) =>
            {
                var open = await store.FindOpenAsync(c, tx, openKey!);
                await store.InsertAsync(c, tx, row with { OpenKey = null }, clock.GetUtcNow());
                await AnswerAsync(c, tx, row, commentId, PrReplies.AlreadyPending(row.Login, open?.RequestId, open?.SourceUrl), ok: true);
                return Conflict.None;
            }, ct);
        }
        worker.Notify();
    }

    private enum Conflict
    {
        None,
        OpenRequest,
    }

    private async Task<Conflict> ActAsync(DbConnection c, DbTransaction tx, PrCommandRow row, long? commentId, PrAnswer answer, CancellationToken ct)
    {
        await store.InsertAsync(c, tx, row, clock.GetUtcNow());
        if (answer.Ask is not { } ask)
        {
            await AnswerAsync(c, tx, row, commentId, answer.Reply!, answer.Ok);
            return Conflict.None;
        }
        var filing = await requests.FileAsync(c, tx, ask, ct);
        if (filing.Outcome != RequestFilingOutcome.Filed)
        {
            await store.ReleaseAsync(c, tx, row.Key);
            await AnswerAsync(c, tx, row, commentId, PrReplies.Refused(filing, ask.Budget), ok: false);
            return Conflict.None;
        }
        await store.FiledAsync(c, tx, row.Key, filing.Id);
        var p = policy.Current;
        var approvers = filing.Approvers.Select(a => PrPeople.Name(p, a)).ToList();
        var reply = PrReplies.Filed(row.Login, filing, ask.AmountUsd, approvers, RequestAsk.GitHubLoginOf(ask.Requester) is null);
        await AnswerAsync(c, tx, row, commentId, reply, ok: true);
        LogFiled(logger, filing.DisplayId, row.Login, row.Repo, row.Pr);
        return Conflict.None;
    }

    private async Task AnswerAsync(DbConnection c, DbTransaction tx, PrCommandRow row, long? commentId, string reply, bool ok)
    {
        var now = clock.GetUtcNow();
        if (commentId is { } id)
        {
            await outbox.EnqueueAsync(c, tx, PrChat.Reaction(row.Repo, row.Pr, id, PrChat.Taken, now));
        }
        await outbox.EnqueueAsync(c, tx, PrChat.Reply(row.Repo, row.Pr, reply, now));
        if (commentId is { } again)
        {
            await outbox.EnqueueAsync(c, tx, PrChat.Reaction(row.Repo, row.Pr, again, ok ? PrChat.Done : PrChat.Confused, now));
        }
    }

    // Null: the command was taken before (the key exists), so nothing is done again. A duplicate of
    // anything else is the open_key of a pending request.
    private async Task<Conflict?> TryWriteAsync(string key, Func<DbConnection, DbTransaction, Task<Conflict>> work, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(work, ct);
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            if (await store.ExistsAsync(key, ct))
            {
                LogTakenBefore(logger, key);
                return null;
            }
            return Conflict.OpenRequest;
        }
    }

    [LoggerMessage(EventId = 14010, Level = LogLevel.Information, Message = "Command {Key} was taken before; nothing is done again")]
    private static partial void LogTakenBefore(ILogger logger, string key);

    [LoggerMessage(EventId = 14011, Level = LogLevel.Information, Message = "{Login} already has a pending request on {Repo}#{Pr}; linked instead of filing another")]
    private static partial void LogAlreadyPending(ILogger logger, string login, string repo, int pr);

    [LoggerMessage(EventId = 14012, Level = LogLevel.Information, Message = "Budget request {Request} filed by GitHub user {Login} on {Repo}#{Pr}")]
    private static partial void LogFiled(ILogger logger, string request, string login, string repo, int pr);
}
