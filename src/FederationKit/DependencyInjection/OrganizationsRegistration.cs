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

        // Members as rows, written together with users through one change-set store, published by one committer.
        services.TryAddSingleton<IMembershipStore, InMemoryMembershipStore>();
        services.TryAddSingleton<IChangeSetStore>(CreateInMemoryChangeSetStore);
        services.TryAddSingleton<ChangeSetCommitter>();

        // Who may administer what an owner holds: one check for every admin operation.
        services.TryAddSingleton<OwnerAdministrators>();
    }

    private static InMemoryChangeSetStore CreateInMemoryChangeSetStore(IServiceProvider services) =>
        services.GetRequiredService<SignIn.Stores.IFederatedUserStore>() is SignIn.Stores.InMemoryFederatedUserStore users
        && services.GetRequiredService<IMembershipStore>() is InMemoryMembershipStore memberships
            ? new InMemoryChangeSetStore(
                users,
                memberships,
                services.GetService<Events.IFederationEventSink>(),
                services.GetService<Events.Outbox.IFederationEventOutbox>())
            : throw new InvalidOperationException(
                "The user and membership stores are not the in-memory ones: register an IChangeSetStore that writes to the same database (AddEntityFrameworkStores does).");
}
