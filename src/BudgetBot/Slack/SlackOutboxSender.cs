using System.Text.Json.Nodes;
using BudgetBot.Outbox;
using Microsoft.Extensions.Options;

namespace BudgetBot.Slack;

// Sends outbox rows of channel "slack": kind is the Web API method, payload its JSON arguments.
// A chat.postMessage whose channel is a user id (U…/W…) is a DM: the conversation is opened first.
// 429 and Slack's transient errors are retried (after Retry-After); any other ok:false is fatal.
internal sealed partial class SlackOutboxSender(
    ISlackApi api,
    IOptions<SlackOptions> options,
    SlackChannelPacer pacer,
    IEnumerable<ISlackPostedObserver> observers,
    TimeProvider clock,
    ILogger<SlackOutboxSender> logger) : IOutboxSender
{
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    };

    public string Channel => SlackOutbox.Channel;

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!options.Value.CanSend)
        {
            LogNotConfigured(logger, message.Kind, message.Target);
            return OutboxResult.Skip("Slack is not configured (no Slack:BotToken)");
        }
        if (JsonNode.Parse(message.Payload) is not JsonObject args)
        {
            return OutboxResult.Fail("payload is not a JSON object");
        }
        try
        {
            var channel = args["channel"]?.GetValue<string>();
            if (message.Kind == "chat.postMessage" && channel is not null)
            {
                if (channel.StartsWith('U') || channel.StartsWith('W'))
                {
                    channel = await api.OpenConversationAsync(channel, ct);
                    args["channel"] = channel;
                }
                var wait = pacer.Reserve(channel, message.Id, clock.GetUtcNow());
                if (wait > TimeSpan.Zero)
                {
                    return OutboxResult.Wait("paced: one post per second per channel", wait);
                }
            }
            var answer = await api.CallAsync(message.Kind, args, ct);
            if (message.Kind == "chat.postMessage" && answer.TryGetProperty("ts", out var ts) && answer.TryGetProperty("channel", out var posted))
            {
                foreach (var observer in observers)
                {
                    await observer.PostedAsync(message.Target, posted.GetString()!, ts.GetString()!, ct);
                }
            }
            return OutboxResult.Sent;
        }
        catch (SlackRateLimitedException e)
        {
            return OutboxResult.Wait(e.Error, e.RetryAfter);
        }
        catch (SlackApiException e) when (Transient.Contains(e.Error))
        {
            return OutboxResult.Retry(e.Error);
        }
        catch (HttpRequestException e)
        {
            return OutboxResult.Retry(e.Message);
        }
        catch (SlackApiException e)
        {
            LogRefused(logger, e.Method, message.Target, e.Error);
            return OutboxResult.Fail(e.Error);
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Slack is not configured; {Kind} to {Target} skipped")]
    private static partial void LogNotConfigured(ILogger logger, string kind, string target);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Slack refused {Method} to {Target}: {Error}")]
    private static partial void LogRefused(ILogger logger, string method, string target, string error);
}
