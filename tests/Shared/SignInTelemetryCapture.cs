using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace FederationKit.Tests.Shared;

/// <summary>
/// Captures what the SDK emits while it is alive: every span of the <c>FederationKit</c> activity source (when it stops),
/// every measurement of the <c>FederationKit</c> meter, and, through <see cref="LoggerProvider"/>, every log line with its
/// structured values. Tests in these projects run one at a time, so no other test writes into a capture.
/// </summary>
internal sealed class SignInTelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public SignInTelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FederationKit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "FederationKit")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        _meters.Start();
        LoggerProvider = new CapturingLoggerProvider(Logs);
    }

    /// <summary>The stopped spans, in stop order.</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>The measurements, in order.</summary>
    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The log lines, in order.</summary>
    public ConcurrentQueue<LogLine> Logs { get; } = new();

    /// <summary>Add to a logging builder (<c>AddProvider</c>) or a logger factory to capture log lines.</summary>
    public ILoggerProvider LoggerProvider { get; }

    /// <summary>A logger that writes into this capture.</summary>
    public ILogger<T> CreateLogger<T>() => new CapturingLogger<T>(Logs);

    /// <summary>The spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> SpansNamed(string name) => [.. Spans.Where(s => s.OperationName == name)];

    /// <summary>The measurements of the instrument named <paramref name="name"/>.</summary>
    public IReadOnlyList<Measurement> Of(string name) => [.. Measurements.Where(m => m.Instrument == name)];

    /// <summary>
    /// Every text the capture holds: span names, status descriptions, tag keys and values, measurement tags, log messages,
    /// and each structured log value (of the lines <paramref name="logs"/> selects, all by default); what a secrets test searches.
    /// </summary>
    /// <param name="logs">Which log lines to include; null for all.</param>
    public IEnumerable<string> AllText(Func<LogLine, bool>? logs = null)
    {
        foreach (var span in Spans)
        {
            yield return span.DisplayName;
            yield return span.StatusDescription ?? string.Empty;
            foreach (var tag in span.TagObjects)
            {
                yield return tag.Key + "=" + tag.Value;
            }

            foreach (var item in span.Baggage)
            {
                yield return item.Key + "=" + item.Value;
            }
        }

        foreach (var measurement in Measurements)
        {
            foreach (var tag in measurement.Tags)
            {
                yield return tag.Key + "=" + tag.Value;
            }
        }

        foreach (var line in Logs.Where(logs ?? (_ => true)))
        {
            yield return line.Message;
            yield return line.Exception ?? string.Empty;
            foreach (var value in line.Values)
            {
                yield return value.Key + "=" + value.Value;
            }
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    /// <summary>One measurement.</summary>
    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>One log line.</summary>
    internal sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> Values);

    /// <summary>
    /// A logger of category <typeparamref name="T"/> writing into the queue; register it as the open generic
    /// <c>ILogger&lt;&gt;</c> beside the capture's <see cref="Logs"/> queue to capture a DI container's loggers.
    /// </summary>
    internal sealed class CapturingLogger<T>(ConcurrentQueue<LogLine> lines) : CapturingLogger(typeof(T).FullName ?? typeof(T).Name, lines), ILogger<T>;

    private sealed class CapturingLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    internal class CapturingLogger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), exception?.ToString(), [.. values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value?.ToString()))]));
        }
    }
}
