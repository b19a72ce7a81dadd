using System.Text.RegularExpressions;

namespace FederationKit.EntityFrameworkCore.PostgreSql;

/// <summary>Settings of the route invalidation over PostgreSQL <c>LISTEN/NOTIFY</c> (<c>AddPostgreSqlRouteInvalidation</c>).</summary>
public sealed partial class PostgreSqlRouteInvalidationOptions
{
    /// <summary>The PostgreSQL connection string (required); every instance must reach the same database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The notification channel (lower-case letters, digits and underscores, at most 63); default <c>fedkit_routes</c>.</summary>
    public string Channel { get; set; } = "fedkit_routes";

    /// <summary>The longest a <c>NOTIFY</c>, a <c>LISTEN</c> or a liveness check may take; default 3 seconds.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the listener waits before connecting again after its connection failed; default 1 second.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the listener waits for a notification before checking that its connection is alive; default 5 seconds.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a route stays cached on an instance while its listener is disconnected (changes made elsewhere may be
    /// missed meanwhile); default 1 second.
    /// </summary>
    public TimeSpan CacheTtlWhileDisconnected { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ConnectionString is required.", nameof(ConnectionString));
        }

        if (Channel is null || !ChannelName().IsMatch(Channel))
        {
            throw new ArgumentException("Channel must be 1 to 63 lower-case letters, digits or underscores, starting with a letter or an underscore.", nameof(Channel));
        }

        Positive(OperationTimeout, TimeSpan.FromMinutes(1), nameof(OperationTimeout));
        Positive(ReconnectDelay, TimeSpan.FromMinutes(5), nameof(ReconnectDelay));
        Positive(CheckInterval, TimeSpan.FromMinutes(5), nameof(CheckInterval));
        Positive(CacheTtlWhileDisconnected, TimeSpan.FromHours(1), nameof(CacheTtlWhileDisconnected));
    }

    private static void Positive(TimeSpan value, TimeSpan max, string name)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw new ArgumentException($"{name} must be above zero and at most {max}.", name);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();
}
