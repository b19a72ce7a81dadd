using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FederationKit.Tests.Shared;

/// <summary>
/// Captures what FederationKit tells an operator during one test: every log line written through its loggers (a capturing
/// <see cref="ILoggerProvider"/>, also usable as the <see cref="ILoggerFactory"/>), every span of the <c>FederationKit</c>
/// source under the test's own root activity (tags, events, status), and every measurement of the <c>FederationKit</c> meter.
/// <see cref="AllText"/> joins everything, for tests that search it for secrets.
/// </summary>
internal sealed class TelemetryCapture : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<LogLine> _logs = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly Activity _root;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FederationKit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root!.TraceId)
                {
                    _spans.Enqueue(activity);
                }
            },
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
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, Tags(tags))));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, Tags(tags))));
        _meters.Start();

        // The spans of this test are the children of this root (other tests may run at the same time).
        _root = new Activity("federationkit.test").SetIdFormat(ActivityIdFormat.W3C).Start();
    }

    /// <summary>Every log line so far.</summary>
    public IReadOnlyList<LogLine> Logs => [.. _logs];

    /// <summary>Every FederationKit span of this test that ended so far.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>Every FederationKit measurement so far (of any test running at the time).</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>The spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> SpansNamed(string name) => [.. _spans.Where(s => s.OperationName == name)];

    /// <summary>Every log line (message, state values, exception) and every span (name, tags, events, status) as one text.</summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var line in _logs)
        {
            text.Append(line.Category).Append(' ').Append(line.Level).Append(' ').Append(line.EventId).Append(' ').AppendLine(line.Message);
            foreach (var (key, value) in line.State)
            {
                text.Append("  ").Append(key).Append('=').AppendLine(value);
            }

            text.AppendLine(line.Exception);
        }

        foreach (var span in _spans)
        {
            text.Append(span.OperationName).Append(' ').Append(span.DisplayName).Append(' ').Append(span.Status).Append(' ').AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects)
            {
                text.Append("  ").Append(tag.Key).Append('=').AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var spanEvent in span.Events)
            {
                text.Append("  event ").AppendLine(spanEvent.Name);
                foreach (var tag in spanEvent.Tags)
                {
                    text.Append("    ").Append(tag.Key).Append('=').AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            foreach (var baggage in span.Baggage)
            {
                text.Append("  baggage ").Append(baggage.Key).Append('=').AppendLine(baggage.Value);
            }
        }

        foreach (var measurement in _measurements)
        {
            text.Append(measurement.Instrument);
            foreach (var (key, value) in measurement.Tags)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _logs);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    /// <inheritdoc />
    public void Dispose()
    {
        _root.Stop();
        _activities.Dispose();
        _meters.Dispose();
    }

    private static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>One log line as written.</summary>
    public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<(string Key, string? Value)> State, string? Exception);

    /// <summary>One measurement with its tags.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => (p.Key, (string?)(p.Value is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object?>()) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)))).ToList()
                : [];
            lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
