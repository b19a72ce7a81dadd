using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Stores;

/// <summary>
/// <see cref="IChangeSetStore"/> over the in-memory user, membership and (when given) organization and parent organization
/// stores: under every store's lock, every check runs before any write, so a change is applied whole or not at all. With the in-memory event outbox switched on, the change's
/// events take their room in the outbox before the records are written and are added with them.
/// </summary>
public sealed class InMemoryChangeSetStore : IChangeSetStore
{
    private readonly InMemoryFederatedUserStore _users;
    private readonly InMemoryMembershipStore _memberships;
    private readonly InMemoryFederationEventOutbox? _outbox;
    private readonly InMemoryOrganizationStore? _organizations;
    private readonly InMemoryParentOrganizationStore? _parents;
    private readonly InMemorySignInInvitationStore? _invitations;

    /// <summary>Creates the store.</summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    public InMemoryChangeSetStore(InMemoryFederatedUserStore users, InMemoryMembershipStore memberships)
        : this(users, memberships, events: null, outbox: null)
    {
    }

    /// <summary>Creates the store; the change's events go into <paramref name="outbox"/> with the records when the host
    /// opted into the outbox (<paramref name="events"/> is the outbox sink).</summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    /// <param name="events">The registered event sink.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    public InMemoryChangeSetStore(
        InMemoryFederatedUserStore users,
        InMemoryMembershipStore memberships,
        IFederationEventSink? events,
        IFederationEventOutbox? outbox)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _outbox = events is FederationEventOutboxSink && outbox is InMemoryFederationEventOutbox inMemory ? inMemory : null;
    }

    /// <summary>
    /// Creates the store that also writes organizations and parent organizations (<see cref="ChangeSet.AddedOrganizations"/>,
    /// <see cref="ChangeSet.UpdatedOrganizations"/>, <see cref="ChangeSet.AddedParentOrganizations"/>) with the rest of a change.
    /// </summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    /// <param name="organizations">The in-memory organization store.</param>
    /// <param name="parents">The in-memory parent organization store.</param>
    /// <param name="invitations">The in-memory invitation store, when changes write invitations.</param>
    /// <param name="events">The registered event sink, if any.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    public InMemoryChangeSetStore(
        InMemoryFederatedUserStore users,
        InMemoryMembershipStore memberships,
        InMemoryOrganizationStore organizations,
        InMemoryParentOrganizationStore parents,
        InMemorySignInInvitationStore? invitations = null,
        IFederationEventSink? events = null,
        IFederationEventOutbox? outbox = null)
        : this(users, memberships, events, outbox)
    {
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        _invitations = invitations;
    }

    /// <inheritdoc />
    public bool AppendsEventsToOutbox => _outbox is not null;

    /// <inheritdoc />
    public Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        if ((!change.AddedOrganizations.IsEmpty || !change.UpdatedOrganizations.IsEmpty || !change.AddedParentOrganizations.IsEmpty) && _organizations is null)
        {
            throw new InvalidOperationException(
                "This change writes organizations, but the in-memory change-set store was created without the organization stores: use the constructor that takes them.");
        }

        if ((!change.AddedInvitations.IsEmpty || !change.RenewedInvitations.IsEmpty || !change.RevokedInvitations.IsEmpty) && _invitations is null)
        {
            throw new InvalidOperationException(
                "This change writes invitations, but the in-memory change-set store was created without the invitation store: use the constructor that takes it.");
        }

        // Lock order: users, memberships, organizations, parent organizations, invitations (no other path takes two of them).
        lock (_users.SyncRoot)
        {
            lock (_memberships.SyncRoot)
            {
                lock (_organizations?.Table.SyncRoot ?? _memberships.SyncRoot)
                {
                    lock (_parents?.Table.SyncRoot ?? _memberships.SyncRoot)
                    {
                        lock (_invitations?.SyncRoot ?? _memberships.SyncRoot)
                        {
                            return Task.FromResult(CheckAndApply(change));
                        }
                    }
                }
            }
        }
    }

    private Result CheckAndApply(ChangeSet change)
    {
        if ((_users.Check(change) ?? _memberships.Check(change) ?? CheckOrganizations(change) ?? _invitations?.Check(change)) is { } refused)
        {
            return refused;
        }

        if (_outbox is null)
        {
            Apply(change);
            return Result.Success;
        }

        var prepared = _outbox.Prepare(change.Events);
        if (prepared.IsFailure)
        {
            return prepared.Error;
        }

        using var batch = prepared.Value;
        Apply(change);
        batch.Commit();
        return Result.Success;
    }

    private FederationError? CheckOrganizations(ChangeSet change)
    {
        if (_organizations is null || _parents is null)
        {
            return null;
        }

        var added = new HashSet<OrganizationId>();
        foreach (var organization in change.AddedOrganizations)
        {
            if (!added.Add(organization.Id) || _organizations.Table.CheckInsert(organization.Id) is not null)
            {
                return StoreErrors.Duplicate("organization", organization.Id.ToString());
            }
        }

        foreach (var organization in change.UpdatedOrganizations)
        {
            if (_organizations.Table.CheckUpdate(organization.Id, organization.Version) is { } conflict)
            {
                return conflict;
            }
        }

        var addedParents = new HashSet<ParentOrganizationId>();
        foreach (var parent in change.AddedParentOrganizations)
        {
            if (!addedParents.Add(parent.Id) || _parents.Table.CheckInsert(parent.Id) is not null)
            {
                return StoreErrors.Duplicate("parent organization", parent.Id.ToString());
            }
        }

        return null;
    }

    private void Apply(ChangeSet change)
    {
        _users.Apply(change);
        _memberships.Apply(change);
        foreach (var organization in change.AddedOrganizations)
        {
            _organizations!.Table.Insert(organization.Id, organization);
        }

        foreach (var organization in change.UpdatedOrganizations)
        {
            _organizations!.Table.Update(organization.Id, organization);
        }

        foreach (var parent in change.AddedParentOrganizations)
        {
            _parents!.Table.Insert(parent.Id, parent);
        }

        _invitations?.Apply(change);
    }
}
