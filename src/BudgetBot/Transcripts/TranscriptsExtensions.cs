namespace BudgetBot.Transcripts;

internal static class TranscriptsExtensions
{
    public static IHostApplicationBuilder AddTranscripts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClaudeCodeImporter>();
        return builder;
    }
}
