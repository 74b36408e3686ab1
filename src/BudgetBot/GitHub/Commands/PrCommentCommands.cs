using System.Text.RegularExpressions;
using BudgetBot.Budgets;
using Octokit.Webhooks.Events;

namespace BudgetBot.GitHub;

// issue_comment "created" on a pull request whose first line starts with /budget: parsed with the
// Slack command's grammar (Budgets/BudgetCommandParser), then answered through PrCommandRunner.
// Edited and deleted comments, comments by bots (BudgetBot's own replies included) and comments
// that are no command do nothing at all.
internal sealed partial class PrCommentCommands(
    PrCommandStore store,
    PrCommandRunner runner,
    PrSpendReader spend,
    RepoPermissions permissions,
    IPolicyProvider policy,
    ILogger<PrCommentCommands> logger)
{
    public async Task HandleAsync(IssueCommentEvent e, CancellationToken ct)
    {
        if (e.Action != "created" || e.Comment is null || e.Issue is null || e.Repository is null)
        {
            return;
        }
        if (PrPeople.IsBot(e.Sender) || PrPeople.IsBot(e.Comment.User))
        {
            LogBot(logger, e.Comment.Id, e.Sender?.Login ?? e.Comment.User?.Login);
            return;
        }
        if (CommandText(e.Comment.Body) is not { } text)
        {
            return;
        }
        var repo = e.Repository.FullName.ToLowerInvariant();
        var number = (int)e.Issue.Number;
        var login = e.Comment.User?.Login ?? e.Sender!.Login;
        var row = new PrCommandRow($"comment:{e.Comment.Id}", repo, number, login, e.Comment.HtmlUrl, null);
        if (await store.ExistsAsync(row.Key, ct))
        {
            return;
        }
        var answer = e.Issue.PullRequest is null
            ? PrAnswer.Refused(PrReplies.NotAPullRequest)
            : await AnswerAsync(text, repo, number, login, e.Comment.AuthorAssociation.StringValue, e.Installation?.Id, e.Issue.HtmlUrl, ct);
        LogTaken(logger, row.Key, repo, number, login);
        await runner.RunAsync(row, e.Comment.Id, answer, ct);
    }

    private async Task<PrAnswer> AnswerAsync(
        string text, string repo, int number, string login, string? association, long? installation, string prUrl, CancellationToken ct)
    {
        var p = policy.Current;
        var team = p.ResolveTeam(repo) is var t && t != BudgetPolicy.UnassignedTeam ? t : null;
        var command = text.Length == 0 ? new StatusCommand(null) : BudgetCommandParser.Parse(text);
        switch (command)
        {
            case HelpCommand:
                return PrAnswer.Done(PrReplies.Help);
            case ParseError error:
                return PrAnswer.Refused(PrReplies.ParseError(error.Message));
            case StatusCommand s:
                return PrAnswer.Done(PrReplies.Status(await spend.ReadAsync(repo, number, ct), team, s.Target));
            case ExperimentCommand:
                return PrAnswer.Refused(PrReplies.SlackOnly("experiment"));
            case ListRequestsCommand:
                return PrAnswer.Refused(PrReplies.SlackOnly("requests"));
            case RequestCommand when team is null:
                return PrAnswer.Refused(PrReplies.NoTeam(repo));
            case RequestCommand r:
                if (!await permissions.CanWriteAsync(installation, repo, login, association, ct))
                {
                    return PrAnswer.Refused(PrReplies.NoWriteAccess(login, repo));
                }
                return PrAnswer.File(new RequestAsk(r.AmountUsd, r.Budget, team, $"{r.Reason} ({prUrl})", PrPeople.Requester(p, login)));
            default:
                return PrAnswer.Done(PrReplies.Help);
        }
    }

    // The text after "/budget" on the comment's first line; null when the comment is no command.
    internal static string? CommandText(string? body)
    {
        var first = (body ?? "").TrimStart().Split('\n', 2)[0].TrimEnd('\r');
        return Command().Match(first) is { Success: true } m ? m.Groups["rest"].Value.Trim() : null;
    }

    [GeneratedRegex(@"^/budget(?:\s+(?<rest>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Command();

    [LoggerMessage(EventId = 14020, Level = LogLevel.Debug, Message = "Comment {CommentId} by bot {Login} ignored")]
    private static partial void LogBot(ILogger logger, long commentId, string? login);

    [LoggerMessage(EventId = 14021, Level = LogLevel.Information, Message = "Command {Key} on {Repo}#{Pr} by {Login} taken")]
    private static partial void LogTaken(ILogger logger, string key, string repo, int pr, string login);
}
