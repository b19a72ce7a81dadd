using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Registers the organization and merge-proposal services.</summary>
internal static class OrganizationsRegistration
{
    /// <summary>
    /// Adds <see cref="OrganizationService"/>, <see cref="MergeProposalService"/> and the in-memory merge proposal store
    /// (each with <c>TryAdd</c>). <see cref="MergeProposalService"/> also needs an <see cref="IVerifiedDomainQuery"/>, which
    /// the domain-claims registration provides.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static void AddOrganizations(IServiceCollection services)
    {
        services.TryAddSingleton<IMergeProposalStore, InMemoryMergeProposalStore>();
        services.TryAddSingleton<OrganizationService>();
        services.TryAddSingleton<MergeProposalService>();
    }
}
