using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.Infrastructure;

// Captures every log line, to assert on what is (and is not) logged: add it to a host as a logger
// provider, or hand For<T>() to a type built by hand.
internal sealed class RecordingLogger : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Entries => entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger<object>(entries);

    public ILogger<T> For<T>() => new Logger<T>(entries);

    public void Dispose()
    {
    }

    private sealed class Logger<T>(ConcurrentQueue<(int, LogLevel, string)> entries) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
