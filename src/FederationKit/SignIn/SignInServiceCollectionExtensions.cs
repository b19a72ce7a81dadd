using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Wiring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.SignIn;

/// <summary>Registers sign-in routing and just-in-time provisioning (called by <c>AddFederationKit</c>, the one public entry point).</summary>
internal static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SignInRouter"/>, <see cref="JitProvisioner"/>, <see cref="DirectorySignInSettingsService"/>, in-memory
    /// sign-in stores, and the ports (route source, directory trustees, provisioning policies) answered from the domain, directory,
    /// trust and settings stores, each with <c>TryAdd</c> so a host's registration wins. Users on a domain block its removal.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFederationKitSignIn(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDirectorySignInSettingsStore, InMemoryDirectorySignInSettingsStore>();
        services.TryAddSingleton<DirectorySignInSettingsService>();
        services.TryAddSingleton<ISignInRouteSource, StoreSignInRouteSource>();
        services.TryAddSingleton<IDirectoryTrusteeQuery, StoreDirectoryTrusteeQuery>();
        services.TryAddSingleton<IProvisioningPolicySource, StoreProvisioningPolicySource>();
        services.TryAddSingleton<IFederatedUserStore, InMemoryFederatedUserStore>();
        services.TryAddSingleton<Directories.IDirectoryMemberMover, Wiring.FederatedUserDirectoryMover>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Directories.IDirectoryDeletionCleanup, Wiring.SignInSettingsDirectoryCleanup>());
        services.TryAddSingleton<ISignInInvitationStore, InMemorySignInInvitationStore>();
        services.TryAddSingleton<Invitations.SignInInvitationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Organizations.IDomainDependencyQuery, SignInDomainDependencyQuery>());
        services.TryAddSingleton<ISignInRouteLookup, StoreSignInRouteLookup>();
        services.TryAddSingleton(CreateRouter);
        services.TryAddSingleton<ISignInRouteInvalidation>(sp => sp.GetRequiredService<SignInRouter>());
        services.TryAddSingleton<LocalLoginPolicy>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Domains.IDomainVerificationHandler, Wiring.RoutingRefreshOnVerification>());
        services.TryAddSingleton<JitProvisioner>();
        services.TryAddSingleton<Lifecycle.UserLifecycleService>();
        services.TryAddSingleton<Directories.IDirectoryUserCount, Wiring.FederatedUserDirectoryCount>();
        services.TryAddSingleton<Flow.IDirectoryAdministrators, Flow.StoreDirectoryAdministrators>();
        services.TryAddSingleton<Flow.FederatedSignInService>();
        return services;
    }

    // Lookup mode unless the host registered its own ISignInRouteSource (it then keeps the full index it feeds).
    private static SignInRouter CreateRouter(IServiceProvider services)
    {
        var options = services.GetRequiredService<SignInOptions>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var source = services.GetRequiredService<ISignInRouteSource>();
        return source is StoreSignInRouteSource
            ? new SignInRouter(services.GetRequiredService<ISignInRouteLookup>(), options, time)
            : new SignInRouter(source, options, time);
    }

}
