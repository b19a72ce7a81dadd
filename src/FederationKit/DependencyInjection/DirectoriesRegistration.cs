using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Registers directories, IdP profiles, domain links and directory trust.</summary>
internal static class DirectoriesRegistration
{
    /// <summary>
    /// Adds the directory services with in-memory stores and secret store (each with <c>TryAdd</c>). The services need an
    /// <see cref="IVerifiedDomainQuery"/> and an <see cref="IDomainOwnerQuery"/>, which the domain-claims part registers.
    /// </summary>
    public static void AddDirectories(IServiceCollection services)
    {
        services.TryAddSingleton<IDirectoryStore, InMemoryDirectoryStore>();
        services.TryAddSingleton<IIdpProfileStore, InMemoryIdpProfileStore>();
        services.TryAddSingleton<IDomainLinkStore, InMemoryDomainLinkStore>();
        services.TryAddSingleton<IDirectoryTrustStore, InMemoryDirectoryTrustStore>();
        services.TryAddSingleton<ISecretStore, InMemorySecretStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDomainDependencyQuery, DirectoryDomainDependencyQuery>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Domains.IDomainVerificationHandler, DomainLinkOwnershipReconciler>());
        services.TryAddSingleton<DirectoryService>();
        services.TryAddSingleton<IdpProfileService>();
        services.TryAddSingleton<DirectoryTrustService>();
    }
}
