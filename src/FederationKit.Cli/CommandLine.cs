using System.Globalization;

namespace FederationKit.Cli;

/// <summary>
/// The positional arguments and <c>--name value</c> (or <c>--name=value</c>) options of one command. Options may repeat.
/// Parsing fails on an option the command does not know or one without a value.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options;

    private CommandLine(IReadOnlyList<string> positional, Dictionary<string, List<string>> options)
    {
        Positional = positional;
        _options = options;
    }

    /// <summary>The arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>, allowing only the <paramref name="known"/> option names (without dashes).</summary>
    /// <returns>The parsed command line, or null with <paramref name="error"/> set.</returns>
    public static CommandLine? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, out string error)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (!known.Contains(name))
            {
                error = $"unknown option '--{name}'";
                return null;
            }

            string value;
            if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                error = $"option '--{name}' needs a value";
                return null;
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }

            values.Add(value);
        }

        error = string.Empty;
        return new CommandLine(positional, options);
    }

    /// <summary>The last value of an option, or null when it was not given.</summary>
    public string? Option(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of an option, in order.</summary>
    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>An option as a positive number of seconds, or null when it was not given.</summary>
    /// <returns>False when the value is not a positive number.</returns>
    public bool TryGetSeconds(string name, out TimeSpan? value)
    {
        value = null;
        var text = Option(name);
        if (text is null)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 60)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return false;
    }
}
