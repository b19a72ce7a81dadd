using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.SignIn;

/// <summary>Registers sign-in routing and just-in-time provisioning.</summary>
public static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SignInRouter"/>, <see cref="JitProvisioner"/>, in-memory sign-in stores and in-memory ports
    /// (route source, directory trust, provisioning policies), each with <c>TryAdd</c> so a host's registration wins.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The validated sign-in settings.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFederationKitSignIn(this IServiceCollection services, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<ISignInRouteSource, InMemorySignInRouteSource>();
        services.TryAddSingleton<IDirectoryTrusteeQuery, InMemoryDirectoryTrusteeQuery>();
        services.TryAddSingleton<IProvisioningPolicySource, InMemoryProvisioningPolicySource>();
        services.TryAddSingleton<IFederatedUserStore, InMemoryFederatedUserStore>();
        services.TryAddSingleton<IMemberProfileStore, InMemoryMemberProfileStore>();
        services.TryAddSingleton<ISignInInvitationStore, InMemorySignInInvitationStore>();
        services.TryAddSingleton<SignInRouter>();
        services.TryAddSingleton<JitProvisioner>();
        return services;
    }
}
