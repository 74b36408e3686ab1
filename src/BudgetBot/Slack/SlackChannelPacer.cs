namespace BudgetBot.Slack;

// chat.postMessage allows about one message per second per channel: each post reserves the next
// free second of its channel, and a post whose slot is in the future is retried at that slot (it
// keeps the slot, so a burst of posts spreads out instead of retrying over and over).
internal sealed class SlackChannelPacer
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> lastSlot = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DateTimeOffset> held = [];

    public TimeSpan Reserve(string channel, long messageId, DateTimeOffset now)
    {
        lock (gate)
        {
            if (held.Remove(messageId, out var slot))
            {
                if (slot <= now)
                {
                    return TimeSpan.Zero;
                }
                held[messageId] = slot;
                return slot - now;
            }
            var next = lastSlot.TryGetValue(channel, out var last) && last + Interval > now ? last + Interval : now;
            lastSlot[channel] = next;
            if (next <= now)
            {
                return TimeSpan.Zero;
            }
            held[messageId] = next;
            return next - now;
        }
    }
}
