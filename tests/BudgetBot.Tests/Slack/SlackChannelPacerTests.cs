using BudgetBot.Slack;

namespace BudgetBot.Tests.Slack;

// About one chat.postMessage per second per channel. Each row is a script of reservations
// "channel message at-ms" and the wait (ms) each one is told.
public sealed class SlackChannelPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("one post goes at once", "C1 1 0", "0")]
    [InlineData("a burst spreads one second apart", "C1 1 0; C1 2 0; C1 3 0", "0 1000 2000")]
    [InlineData("channels are paced apart", "C1 1 0; C2 2 0; C1 3 0; C2 4 0", "0 0 1000 1000")]
    [InlineData("a post a second later goes at once", "C1 1 0; C1 2 1000", "0 0")]
    [InlineData("a post half a second later waits the other half", "C1 1 0; C1 2 500", "0 500")]
    [InlineData("a retry before its slot keeps the slot", "C1 1 0; C1 2 0; C1 2 400; C1 2 1000", "0 1000 600 0")]
    [InlineData("a held slot is not given to a newcomer", "C1 1 0; C1 2 0; C1 3 0; C1 2 1000; C1 4 1000", "0 1000 2000 0 2000")]
    [InlineData("a retry after its slot goes at once", "C1 1 0; C1 2 0; C1 2 5000; C1 3 5000", "0 1000 0 0")]
    [InlineData("a quiet channel starts again from now", "C1 1 0; C1 2 0; C1 3 60000; C1 4 60000", "0 1000 0 1000")]
    public void Reserve_GivesEachPostTheNextFreeSecondOfItsChannel(string why, string script, string expectedWaits)
    {
        var pacer = new SlackChannelPacer();

        var waits = script.Split("; ").Select(step => step.Split(' ')).Select(p =>
            pacer.Reserve(p[0], long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                T0.AddMilliseconds(int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture))).TotalMilliseconds).ToList();

        Assert.True(expectedWaits == string.Join(' ', waits), $"{why}: waits {string.Join(' ', waits)}");
    }
}
