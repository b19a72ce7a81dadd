using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.Stores;

/// <summary>
/// A change to several records that commits as one: users and memberships to add, update or remove (each update and removal
/// carries the version it was read with) and the events that describe it. Built by pure code, committed by
/// <see cref="IChangeSetStore"/> (one database transaction on EF Core, one lock in memory) and published by
/// <see cref="ChangeSetCommitter"/> only after it committed.
/// </summary>
public sealed record ChangeSet
{
    /// <summary>A change that changes nothing.</summary>
    public static ChangeSet Empty { get; } = new();

    /// <summary>Users to add (stored with version 1).</summary>
    public ImmutableArray<FederatedUser> AddedUsers { get; init; } = [];

    /// <summary>Users to update, each with the version it was read with.</summary>
    public ImmutableArray<FederatedUser> UpdatedUsers { get; init; } = [];

    /// <summary>Memberships to add (stored with version 1).</summary>
    public ImmutableArray<Membership> AddedMemberships { get; init; } = [];

    /// <summary>Memberships to update, each with the version it was read with.</summary>
    public ImmutableArray<Membership> UpdatedMemberships { get; init; } = [];

    /// <summary>Memberships to remove, each with the version it was read with.</summary>
    public ImmutableArray<Membership> RemovedMemberships { get; init; } = [];

    /// <summary>The events raised by the change, in order; published only after the change committed.</summary>
    public ImmutableArray<FederationEvent> Events { get; init; } = [];

    /// <summary>Whether the change writes no record (it may still carry events).</summary>
    public bool HasNoRecords => AddedUsers.IsEmpty && UpdatedUsers.IsEmpty && AddedMemberships.IsEmpty && UpdatedMemberships.IsEmpty && RemovedMemberships.IsEmpty
        && HasNoOrganizationRecords;

    /// <summary>Returns a copy that also adds <paramref name="user"/>.</summary>
    /// <param name="user">The new user.</param>
    public ChangeSet AddUser(FederatedUser user) => this with { AddedUsers = AddedUsers.Add(user) };

    /// <summary>Returns a copy that also updates <paramref name="user"/> (carrying the version it was read with).</summary>
    /// <param name="user">The changed user.</param>
    public ChangeSet UpdateUser(FederatedUser user) => this with { UpdatedUsers = UpdatedUsers.Add(user) };

    /// <summary>Returns a copy that also adds <paramref name="membership"/>.</summary>
    /// <param name="membership">The new membership.</param>
    public ChangeSet AddMembership(Membership membership) => this with { AddedMemberships = AddedMemberships.Add(membership) };

    /// <summary>Returns a copy that also updates <paramref name="membership"/> (carrying the version it was read with).</summary>
    /// <param name="membership">The changed membership.</param>
    public ChangeSet UpdateMembership(Membership membership) => this with { UpdatedMemberships = UpdatedMemberships.Add(membership) };

    /// <summary>Returns a copy that also removes <paramref name="membership"/> (as read, with its version).</summary>
    /// <param name="membership">The membership to remove.</param>
    public ChangeSet RemoveMembership(Membership membership) => this with { RemovedMemberships = RemovedMemberships.Add(membership) };

    /// <summary>Returns a copy that also raises <paramref name="federationEvent"/>.</summary>
    /// <param name="federationEvent">The event.</param>
    public ChangeSet Raise(FederationEvent federationEvent) => this with { Events = Events.Add(federationEvent) };

    /// <summary>Returns a copy that also holds everything <paramref name="other"/> holds (after this one's records and events).</summary>
    /// <param name="other">Another change.</param>
    public ChangeSet Merge(ChangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ChangeSet
        {
            AddedUsers = AddedUsers.AddRange(other.AddedUsers),
            UpdatedUsers = UpdatedUsers.AddRange(other.UpdatedUsers),
            AddedMemberships = AddedMemberships.AddRange(other.AddedMemberships),
            UpdatedMemberships = UpdatedMemberships.AddRange(other.UpdatedMemberships),
            RemovedMemberships = RemovedMemberships.AddRange(other.RemovedMemberships),
            Events = Events.AddRange(other.Events),
            AddedOrganizations = AddedOrganizations.AddRange(other.AddedOrganizations),
            UpdatedOrganizations = UpdatedOrganizations.AddRange(other.UpdatedOrganizations),
            AddedParentOrganizations = AddedParentOrganizations.AddRange(other.AddedParentOrganizations),
            AddedInvitations = AddedInvitations.AddRange(other.AddedInvitations),
            RenewedInvitations = RenewedInvitations.AddRange(other.RenewedInvitations),
            RevokedInvitations = RevokedInvitations.AddRange(other.RevokedInvitations),
        };
    }

    // Organizations and parent organizations: written in the same transaction as the memberships and events of the change.

    /// <summary>Organizations to add (stored with version 1).</summary>
    public ImmutableArray<Organization> AddedOrganizations { get; init; } = [];

    /// <summary>Organizations to update, each with the version it was read with.</summary>
    public ImmutableArray<Organization> UpdatedOrganizations { get; init; } = [];

    /// <summary>Parent organizations to add (stored with version 1).</summary>
    public ImmutableArray<ParentOrganization> AddedParentOrganizations { get; init; } = [];

    /// <summary>Sign-in invitations to add.</summary>
    public ImmutableArray<SignInInvitation> AddedInvitations { get; init; } = [];

    /// <summary>
    /// Invitations to renew: each one's <see cref="SignInInvitation.ExpiresAt"/> and <see cref="SignInInvitation.LastSentAt"/>
    /// are written; a concurrency conflict when it is gone or revoked.
    /// </summary>
    public ImmutableArray<SignInInvitation> RenewedInvitations { get; init; } = [];

    /// <summary>
    /// Invitations to revoke: each one's <see cref="SignInInvitation.RevokedAt"/> is written; a concurrency conflict when it is
    /// gone or already revoked (exactly one of two revocations commits).
    /// </summary>
    public ImmutableArray<SignInInvitation> RevokedInvitations { get; init; } = [];

    private bool HasNoOrganizationRecords => AddedOrganizations.IsEmpty && UpdatedOrganizations.IsEmpty && AddedParentOrganizations.IsEmpty
        && AddedInvitations.IsEmpty && RenewedInvitations.IsEmpty && RevokedInvitations.IsEmpty;

    /// <summary>Returns a copy that also adds <paramref name="invitation"/>.</summary>
    /// <param name="invitation">The new invitation.</param>
    public ChangeSet AddInvitation(SignInInvitation invitation) => this with { AddedInvitations = AddedInvitations.Add(invitation) };

    /// <summary>Returns a copy that also renews <paramref name="invitation"/> (with its new expiry and last-sent time).</summary>
    /// <param name="invitation">The renewed invitation.</param>
    public ChangeSet RenewInvitation(SignInInvitation invitation) => this with { RenewedInvitations = RenewedInvitations.Add(invitation) };

    /// <summary>Returns a copy that also revokes <paramref name="invitation"/> (with its revocation time).</summary>
    /// <param name="invitation">The revoked invitation.</param>
    public ChangeSet RevokeInvitation(SignInInvitation invitation) => this with { RevokedInvitations = RevokedInvitations.Add(invitation) };

    /// <summary>Returns a copy that also adds <paramref name="organization"/>.</summary>
    /// <param name="organization">The new organization.</param>
    public ChangeSet AddOrganization(Organization organization) => this with { AddedOrganizations = AddedOrganizations.Add(organization) };

    /// <summary>Returns a copy that also updates <paramref name="organization"/> (carrying the version it was read with).</summary>
    /// <param name="organization">The changed organization.</param>
    public ChangeSet UpdateOrganization(Organization organization) => this with { UpdatedOrganizations = UpdatedOrganizations.Add(organization) };

    /// <summary>Returns a copy that also adds <paramref name="parent"/>.</summary>
    /// <param name="parent">The new parent organization.</param>
    public ChangeSet AddParentOrganization(ParentOrganization parent) => this with { AddedParentOrganizations = AddedParentOrganizations.Add(parent) };
}
