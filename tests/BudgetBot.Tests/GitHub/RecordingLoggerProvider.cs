using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.GitHub;

// Captures every log line of the service, to assert on what is (and is not) logged.
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Message)> messages = new();

    public IReadOnlyList<(int EventId, string Message)> Messages => messages.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(int, string)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
