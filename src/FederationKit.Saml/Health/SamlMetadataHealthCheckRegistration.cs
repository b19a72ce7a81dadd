using FederationKit.Saml.Health;
using FederationKit.Saml.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit;

/// <summary>Adds the SAML metadata freshness check to the host's health checks.</summary>
public static class SamlMetadataHealthCheckRegistration
{
    /// <summary>The tags of the check: <c>federationkit</c> and <c>metadata</c>.</summary>
    public static readonly IReadOnlyList<string> Tags = [HealthCheckRegistrations.FederationKitTag, "metadata"];

    /// <summary>
    /// Adds <see cref="SamlMetadataHealthCheck"/> on the <see cref="SamlMetadataRefresher"/> that <c>AddSaml</c> registers
    /// to <c>services.AddHealthChecks()</c>, tagged <c>federationkit</c> and <c>metadata</c>; map it with
    /// <c>app.MapHealthChecks("/health")</c>. A check the host registered under the same name wins. The options are bound
    /// from <c>FederationKit:Saml:MetadataHealthCheck</c> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name or grace.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSaml</c> was not called first.</exception>
    public static FederationKitBuilder AddSamlMetadataHealthCheck(this FederationKitBuilder builder, Action<SamlMetadataHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(d => d.ServiceType == typeof(SamlMetadataRefresher)))
        {
            throw new InvalidOperationException("Call AddSaml before AddSamlMetadataHealthCheck: the check reads the state of the metadata refresher it registers.");
        }

        HealthCheckRegistrations.TryAdd(
            builder,
            SamlMetadataHealthCheckOptions.ConfigurationSection,
            SamlMetadataHealthCheckOptions.Check,
            configure,
            options => options.Name,
            Tags,
            _ => TimeSpan.FromSeconds(5),
            (services, options) => new SamlMetadataHealthCheck(
                services.GetRequiredService<SamlMetadataRefresher>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                options.Grace));
        return builder;
    }
}
