using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// Adds a FederationKit health check to the host's health check service with TryAdd semantics (compiled into each adapter
/// package that ships a check). The check's settings are <c>IOptions&lt;TOptions&gt;</c> (bound from configuration, validated
/// at start); the registration is added after every other configuration, and only when no check of the same name
/// (case-insensitive, as the health check service compares them) exists: a host's own registration wins.
/// </summary>
internal static class HealthCheckRegistrations
{
    /// <summary>The tag on every FederationKit check.</summary>
    public const string FederationKitTag = "federationkit";

    /// <summary>Adds the check <paramref name="factory"/> creates, named by its options, unless one of that name exists.</summary>
    /// <typeparam name="TOptions">The check's options.</typeparam>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="relativePath">The options' section below <c>FederationKit</c>.</param>
    /// <param name="rules">The options' rules.</param>
    /// <param name="configure">The host's changes to the options, if any.</param>
    /// <param name="name">Reads the check's name from the options.</param>
    /// <param name="tags">The check's tags (<see cref="FederationKitTag"/> is added).</param>
    /// <param name="timeout">Reads how long the check itself may run; the health check service gets a little more as a second bound.</param>
    /// <param name="factory">Creates the check.</param>
    public static void TryAdd<TOptions>(
        FederationKitBuilder builder,
        string relativePath,
        Action<TOptions, OptionsCheck> rules,
        Action<TOptions>? configure,
        Func<TOptions, string> name,
        IEnumerable<string> tags,
        Func<TOptions, TimeSpan> timeout,
        Func<IServiceProvider, TOptions, IHealthCheck> factory)
        where TOptions : class
    {
        builder.AddOptions(relativePath, rules, configure);
        var services = builder.Services;
        services.AddHealthChecks();
        string[] allTags = [FederationKitTag, .. tags.Where(t => t != FederationKitTag)];
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<TOptions>>((options, settings) =>
        {
            var value = settings.Value;
            var checkName = name(value);
            if (options.Registrations.Any(r => string.Equals(r.Name, checkName, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            options.Registrations.Add(new HealthCheckRegistration(checkName, sp => factory(sp, value), failureStatus: null, allTags, timeout(value) + TimeSpan.FromSeconds(1)));
        });
    }

    /// <summary>Records a failure when <paramref name="timeout"/> is not above zero or above one minute.</summary>
    /// <param name="check">The check of the options.</param>
    /// <param name="timeout">The check's timeout.</param>
    /// <param name="setting">The setting's name.</param>
    public static void RequireTimeout(OptionsCheck check, TimeSpan timeout, string setting) =>
        check.Require(timeout > TimeSpan.Zero && timeout <= TimeSpan.FromMinutes(1), setting, "must be above zero and at most one minute.");

    /// <summary>Records a failure when <paramref name="name"/> is empty.</summary>
    /// <param name="check">The check of the options.</param>
    /// <param name="name">The value.</param>
    /// <param name="setting">The setting's name.</param>
    public static void RequireName(OptionsCheck check, string? name, string setting) =>
        check.Require(!string.IsNullOrWhiteSpace(name), setting, "must not be empty.");

    /// <summary>Throws when <paramref name="timeout"/> is not above zero or above one minute (a check built by hand).</summary>
    /// <param name="timeout">The check's timeout.</param>
    /// <param name="setting">The parameter's name, for the message.</param>
    public static void ValidateTimeout(TimeSpan timeout, string setting)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"{setting} must be above zero and at most one minute.", setting);
        }
    }

    /// <summary>Throws when <paramref name="name"/> is empty (a check built by hand).</summary>
    /// <param name="name">The value.</param>
    /// <param name="setting">The parameter's name, for the message.</param>
    public static void ValidateName(string? name, string setting)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{setting} must not be empty.", setting);
        }
    }
}
