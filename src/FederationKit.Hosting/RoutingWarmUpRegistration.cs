using FederationKit.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FederationKit;

/// <summary>Adds the sign-in routing warm-up at host start.</summary>
public static class RoutingWarmUpRegistration
{
    /// <summary>
    /// Registers a hosted service that runs <c>SignInRouter.WarmUpAsync</c> when the host starts, bounded by
    /// <see cref="RoutingWarmUpOptions.Timeout"/>: the EF model, the first pooled connection, the lookup query and its first rows
    /// are paid before the first sign-in. A failure is logged (event 7191) and does not stop the host. Calling it twice
    /// registers it once.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the timeout.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static FederationKitBuilder AddRoutingWarmUp(this FederationKitBuilder builder, Action<RoutingWarmUpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RoutingWarmUpOptions();
        configure?.Invoke(options);
        options.Validate();
        builder.Services.TryAddSingleton(options);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RoutingWarmUp>());
        return builder;
    }
}
