using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederationKit.Hosting.Tests;

/// <summary>Keeps every log entry (event ID, level, message) for assertions.</summary>
internal sealed class LogSink
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public bool Has(int eventId) => Entries.Any(e => e.EventId == eventId);
}

/// <summary>An <see cref="ILogger{TCategoryName}"/> that writes to a <see cref="LogSink"/>.</summary>
internal sealed class ListLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        sink.Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
}
