using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit;

/// <summary>
/// Adds a FederationKit health check to the host's health check service with TryAdd semantics (compiled into each adapter
/// package that ships a check). The registration is added after every other configuration, and only when no check of the
/// same name (case-insensitive, as the health check service compares them) exists: a host's own registration wins.
/// </summary>
internal static class HealthCheckRegistrations
{
    /// <summary>The tag on every FederationKit check.</summary>
    public const string FederationKitTag = "federationkit";

    /// <summary>Adds <paramref name="factory"/> as the check named <paramref name="name"/> unless one of that name exists.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">The check's tags (<see cref="FederationKitTag"/> is added).</param>
    /// <param name="timeout">How long the check itself may run; the health check service gets a little more as a second bound.</param>
    /// <param name="factory">Creates the check.</param>
    public static void TryAdd(IServiceCollection services, string name, IEnumerable<string> tags, TimeSpan timeout, Func<IServiceProvider, IHealthCheck> factory)
    {
        services.AddHealthChecks();
        string[] allTags = [FederationKitTag, .. tags.Where(t => t != FederationKitTag)];
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            options.Registrations.Add(new HealthCheckRegistration(name, factory, failureStatus: null, allTags, timeout + TimeSpan.FromSeconds(1)));
        });
    }

    /// <summary>Throws when <paramref name="timeout"/> is not above zero or above one minute.</summary>
    /// <param name="timeout">The check's timeout.</param>
    /// <param name="setting">The setting's name, for the message.</param>
    public static void ValidateTimeout(TimeSpan timeout, string setting)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"{setting} must be above zero and at most one minute.", setting);
        }
    }

    /// <summary>Throws when <paramref name="name"/> is empty.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="setting">The setting's name, for the message.</param>
    public static void ValidateName(string? name, string setting)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{setting} must not be empty.", setting);
        }
    }
}
