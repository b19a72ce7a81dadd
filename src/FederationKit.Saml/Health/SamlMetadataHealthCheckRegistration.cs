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
    /// <c>app.MapHealthChecks("/health")</c>. A check the host registered under the same name wins. The options are validated
    /// before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name or grace.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSaml</c> was not called first.</exception>
    public static FederationKitBuilder AddSamlMetadataHealthCheck(this FederationKitBuilder builder, Action<SamlMetadataHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SamlMetadataHealthCheckOptions();
        configure?.Invoke(options);
        options.Validate();
        if (!builder.Services.Any(d => d.ServiceType == typeof(SamlMetadataRefresher)))
        {
            throw new InvalidOperationException("Call AddSaml before AddSamlMetadataHealthCheck: the check reads the state of the metadata refresher it registers.");
        }

        var grace = options.Grace;
        HealthCheckRegistrations.TryAdd(
            builder.Services,
            options.Name,
            Tags,
            TimeSpan.FromSeconds(5),
            services => new SamlMetadataHealthCheck(
                services.GetRequiredService<SamlMetadataRefresher>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                grace));
        return builder;
    }
}
