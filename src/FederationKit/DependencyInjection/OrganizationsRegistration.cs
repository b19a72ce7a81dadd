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

        // Writes that are not change sets (directories, profiles, domains, trust, merge proposals, settings, SCIM groups and
        // tokens) keep their events with them through one seam; the EF Core stores replace it with one database transaction.
        services.TryAddSingleton<IStoreWriteTransactions>(sp => new InMemoryStoreWriteTransactions(
            sp.GetService<Events.IFederationEventSink>(),
            sp.GetService<Events.Outbox.IFederationEventOutbox>()));

        // Who may administer what an owner holds: one check for every admin operation.
        services.TryAddSingleton<OwnerAdministrators>();
    }

    // The in-memory change-set store writes the in-memory user, membership, organization and parent organization stores: a host
    // that replaced only some of them would read from one place and write to another, so that is refused at resolution.
    private static InMemoryChangeSetStore CreateInMemoryChangeSetStore(IServiceProvider services) =>
        services.GetRequiredService<SignIn.Stores.IFederatedUserStore>() is SignIn.Stores.InMemoryFederatedUserStore users
        && services.GetRequiredService<IMembershipStore>() is InMemoryMembershipStore memberships
        && services.GetRequiredService<IOrganizationStore>() is InMemoryOrganizationStore organizations
        && services.GetRequiredService<IParentOrganizationStore>() is InMemoryParentOrganizationStore parents
        && services.GetRequiredService<SignIn.Stores.ISignInInvitationStore>() is SignIn.Stores.InMemorySignInInvitationStore invitations
            ? new InMemoryChangeSetStore(
                users,
                memberships,
                organizations,
                parents,
                invitations,
                services.GetService<Events.IFederationEventSink>(),
                services.GetService<Events.Outbox.IFederationEventOutbox>())
            : throw new InvalidOperationException(
                "IChangeSetStore is the in-memory one, but IFederatedUserStore, IMembershipStore, IOrganizationStore, IParentOrganizationStore or ISignInInvitationStore is not: " +
                "reads and writes would split. Register every one of them on the same database with an IChangeSetStore that writes to it (AddEntityFrameworkStores does).");
}
