using FederationKit.AspNetCore.Scim;
using FederationKit.Scim;
using FederationKit.Scim.DirectorySync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Adds the SCIM 2.0 service provider to FederationKit.</summary>
public static class ScimRegistration
{
    /// <summary>
    /// Registers the SCIM request processor, the per-token rate limiter and the options (<see cref="ScimEndpointOptions"/>
    /// and <see cref="ScimProcessorOptions"/>, bound from <c>FederationKit:Scim</c>, then changed by
    /// <paramref name="configure"/>, validated at start). Resources are the directory sync domain's
    /// (<see cref="DirectorySyncScimRepository"/>) and tokens are checked by its token service
    /// (<see cref="DirectorySyncScimAuthenticator"/>); a host's own <see cref="IScimResourceRepository"/> or
    /// <see cref="IScimAuthenticator"/>, registered before or after, wins. Map the endpoints with <c>MapFederationKitScim</c>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the endpoint limits.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddScim(this FederationKitBuilder builder, Action<ScimEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions(ScimEndpointOptions.ConfigurationSection, ScimEndpointOptions.Check, configure);
        builder.AddOptions<ScimProcessorOptions>(ScimEndpointOptions.ConfigurationSection, (options, check) =>
        {
            check.Require(options.MaxResults is >= 1 and <= 1000, nameof(ScimProcessorOptions.MaxResults), "must be between 1 and 1000");
            check.Require(options.MaxPatchOperations is >= 1 and <= 10_000, nameof(ScimProcessorOptions.MaxPatchOperations), "must be between 1 and 10000");
            check.Require(options.PatchAttempts is >= 1 and <= 50, nameof(ScimProcessorOptions.PatchAttempts), "must be between 1 and 50");
        });
        builder.Services.TryAddSingleton<ScimRateLimiter>();
        builder.Services.TryAddScoped<ScimRequestProcessor>();
        builder.Services.TryAddScoped<IScimResourceRepository, DirectorySyncScimRepository>();
        builder.Services.TryAddScoped<IScimAuthenticator, DirectorySyncScimAuthenticator>();
        return builder;
    }
}
