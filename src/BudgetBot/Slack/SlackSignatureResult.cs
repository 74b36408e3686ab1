namespace BudgetBot.Slack;

// Why a request was refused; logged, never told to the caller.
internal enum SlackSignatureFailure
{
    None,
    NoSecret,
    MissingHeaders,
    BadTimestamp,
    Stale,
    BadFormat,
    Mismatch,
}

internal sealed record SlackSignatureResult(bool IsValid, SlackSignatureFailure Failure)
{
    public static readonly SlackSignatureResult Valid = new(true, SlackSignatureFailure.None);

    public static SlackSignatureResult Invalid(SlackSignatureFailure why) => new(false, why);
}
