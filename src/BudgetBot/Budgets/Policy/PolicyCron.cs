using Cronos;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

internal static class PolicyCron
{
    private static readonly DateTime NeverBefore = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Standard five-field cron only: seconds-precision schedules make no sense for budgets or digests.
    public static (CronExpression Cron, string Text)? Read(PolicyReader reader, YamlNode node, string path)
    {
        var text = reader.Text(node, path);
        if (text is null)
        {
            return null;
        }

        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(text, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            reader.Error(node, $"{path} \"{text}\" is not a valid 5-field cron expression (minute hour day-of-month month day-of-week): {ex.Message}");
            return null;
        }

        // Cronos accepts dates that never come ("0 0 31 2 *"); such a period would never reset.
        if (cron.GetNextOccurrence(NeverBefore) is null)
        {
            reader.Error(node, $"{path} \"{text}\" never occurs");
            return null;
        }

        return (cron, text);
    }
}
