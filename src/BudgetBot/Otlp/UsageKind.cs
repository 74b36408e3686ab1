namespace BudgetBot.Otlp;

// What one metric point measures. InputWithCache is the OTel GenAI input count, which includes
// cache reads and writes; Input (Claude Code's `input`) is uncached already.
internal enum UsageKind
{
    Input,
    InputWithCache,
    Output,
    CacheRead,
    CacheWrite,
    Cost,
}
