using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;

namespace BudgetBot.Inbox;

// What Octokit.Webhooks.AspNetCore calls once content type, event header and signature have passed.
// Overriding the string overload keeps the library from deserialising in the request: the delivery is
// stored raw and the worker parses it later, so an action the library does not know yet cannot turn
// into a 500, and GitHub's 10-second budget is spent on one insert.
internal sealed partial class InboxWebhookProcessor(InboxStore store, InboxWorker worker, ILogger<InboxWebhookProcessor> logger)
    : WebhookEventProcessor
{
    public override async ValueTask ProcessWebhookAsync(IDictionary<string, StringValues> headers, string body, CancellationToken cancellationToken = default)
    {
        var parsed = WebhookHeaders.Parse(headers);
        // WebhookAcknowledgement refuses deliveries without an id before the library runs.
        var delivery = parsed.Delivery ?? throw new InvalidOperationException("X-GitHub-Delivery is missing.");
        if (await store.AddAsync(delivery, parsed.Event ?? "", parsed.HookInstallationTargetId, body, cancellationToken))
        {
            LogStored(logger, delivery, parsed.Event);
            worker.Notify();
        }
        else
        {
            LogRedelivery(logger, delivery, parsed.Event);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "GitHub delivery {Delivery} ({Event}) stored")]
    private static partial void LogStored(ILogger logger, string delivery, string? @event);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Event}) was already stored; redelivery ignored")]
    private static partial void LogRedelivery(ILogger logger, string delivery, string? @event);
}
