using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Registers domain claims and DNS ownership proof (called by <c>AddFederationKit</c>).</summary>
internal static class DomainClaimsRegistration
{
    /// <summary>
    /// Registers <see cref="DomainClaimService"/>, the in-memory claim and token stores, the reference lists and a resolver that
    /// fails every lookup until the host adds a real one. <see cref="IVerifiedDomainQuery"/> is answered by the claim store in use.
    /// </summary>
    public static void AddDomainClaims(IServiceCollection services)
    {
        services.TryAddSingleton(sp => DomainReferenceData.FromOptions(sp.GetRequiredService<DomainClaimOptions>()));
        services.TryAddSingleton<DomainClaimRules>();
        services.TryAddSingleton<IDomainClaimStore, InMemoryDomainClaimStore>();
        services.TryAddSingleton<IVerifiedDomainQuery>(sp => sp.GetRequiredService<IDomainClaimStore>());
        services.TryAddSingleton<DirectoryTrust.IDomainOwnerQuery, VerifiedDomainOwnerQuery>();
        services.TryAddSingleton<IOwnershipTokenStore, InMemoryOwnershipTokenStore>();
        services.TryAddSingleton<IDnsTxtResolver, UnconfiguredDnsTxtResolver>();
        services.TryAddSingleton<DomainClaimService>();
    }
}
