namespace FederationKit.Saml.Health;

/// <summary>Settings of <see cref="SamlMetadataHealthCheck"/>.</summary>
public sealed class SamlMetadataHealthCheckOptions
{
    /// <summary>The default check name, <c>federationkit.saml_metadata</c>.</summary>
    public const string DefaultName = "federationkit.saml_metadata";

    /// <summary>The check's name in the health report; default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// How long past its limit (the refresh time its last good copy set) a profile's metadata may go unrefreshed before the
    /// check reports Degraded; also how long the refresher may go without a first run. Default 30 minutes: a few failed
    /// retries, or a background worker that is slow to start, are not reported.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Saml:MetadataHealthCheck</c>.</summary>
    public const string ConfigurationSection = "Saml:MetadataHealthCheck";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(SamlMetadataHealthCheckOptions options, OptionsCheck check)
    {
        HealthCheckRegistrations.RequireName(check, options.Name, nameof(Name));
        check.Require(options.Grace >= TimeSpan.Zero && options.Grace <= TimeSpan.FromDays(7), nameof(Grace), "must be between zero and seven days.");
    }
}
