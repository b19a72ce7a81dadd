using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IChangeSetStore"/> on EF Core: one <see cref="DbContext"/> and one database transaction under the provider's
/// execution strategy. Updates and removals are conditional on the version read (optimistic concurrency per row); the inserts
/// follow; the transaction commits only when every statement succeeded, so a failure at any step leaves nothing written.
/// Distinct rows never conflict: concurrent first sign-ins into one organization each insert their own user and membership.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkChangeSetStore<TContext> : IChangeSetStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly FederationEventTypeRegistry? _outboxTypes;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkChangeSetStore(IDbContextFactory<TContext> contexts)
        : this(contexts, events: null, outbox: null, types: null, time: null)
    {
    }

    /// <summary>
    /// Creates the store. When the host opted into the event outbox (<paramref name="events"/> is the outbox sink) and the
    /// outbox is this database's (<see cref="EntityFrameworkEventOutbox{TContext}"/>), the change's events are written into
    /// <c>fk_event_outbox</c> in the change's own transaction.
    /// </summary>
    /// <param name="contexts">The factory of contexts.</param>
    /// <param name="events">The registered event sink.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    /// <param name="types">The registered event types, if any.</param>
    /// <param name="time">The clock that dates outbox rows.</param>
    public EntityFrameworkChangeSetStore(
        IDbContextFactory<TContext> contexts,
        IFederationEventSink? events,
        IFederationEventOutbox? outbox,
        FederationEventTypeRegistry? types,
        TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
        _outboxTypes = OutboxRows.TypesWhenInThisDatabase<TContext>(events, outbox, types);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public bool AppendsEventsToOutbox => _outboxTypes is not null;

    /// <inheritdoc />
    public async Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await Transactions.RunAsync(_contexts, (db, ct) => WriteAsync(db, change, _outboxTypes, _time, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await DuplicateAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not DbUpdateException && DatabaseErrors.IsUniqueViolation(exception))
        {
            // A username taken by a conditional update (ExecuteUpdate reports the provider's exception itself).
            return await DuplicateAsync(change, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(Result Value, bool Commit)> WriteAsync(
        TContext db,
        ChangeSet change,
        FederationEventTypeRegistry? outboxTypes,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        foreach (var user in change.UpdatedUsers)
        {
            var row = EntityFrameworkFederatedUserStore<TContext>.ToRow(user.WithVersion(user.Version + 1));
            var expected = user.Version;
            // The identity never changes, except that a deletion replaces the subject of the tombstone.
            var tombstone = user.DeletedAt is not null;
            var updated = await EntityFrameworkFederatedUserStore<TContext>.UpdateRowAsync(db, row, expected, subjectMayChange: tombstone, cancellationToken).ConfigureAwait(false);
            if (updated != 1)
            {
                return (StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString()), false);
            }
        }

        foreach (var membership in change.RemovedMemberships)
        {
            var expected = membership.Version;
            var deleted = await db.Set<MembershipRow>()
                .Where(r => r.OrganizationId == membership.OrganizationId.Value && r.UserId == membership.UserId.Value && r.Version == expected)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (deleted != 1)
            {
                return (Conflict(membership), false);
            }
        }

        foreach (var membership in change.UpdatedMemberships)
        {
            var row = MembershipRows.ToRow(membership.WithVersion(membership.Version + 1));
            var expected = membership.Version;
            var updated = await db.Set<MembershipRow>()
                .Where(r => r.OrganizationId == row.OrganizationId && r.UserId == row.UserId && r.Version == expected)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Role, row.Role)
                        .SetProperty(r => r.RoleFromAdminMapping, row.RoleFromAdminMapping)
                        .SetProperty(r => r.Email, row.Email)
                        .SetProperty(r => r.EmailDomain, row.EmailDomain)
                        .SetProperty(r => r.Username, row.Username)
                        .SetProperty(r => r.UsernameKey, row.UsernameKey)
                        .SetProperty(r => r.UserType, row.UserType)
                        .SetProperty(r => r.DirectoryId, row.DirectoryId)
                        .SetProperty(r => r.GroupsJson, row.GroupsJson)
                        .SetProperty(r => r.SettingsJson, row.SettingsJson)
                        .SetProperty(r => r.GivenName, row.GivenName)
                        .SetProperty(r => r.FamilyName, row.FamilyName)
                        .SetProperty(r => r.Version, row.Version)
                        .SetProperty(r => r.BreakGlass, row.BreakGlass),
                    cancellationToken).ConfigureAwait(false);
            if (updated != 1)
            {
                return (Conflict(membership), false);
            }
        }

        if (await WriteOrganizationsAsync(db, change, cancellationToken).ConfigureAwait(false) is { } organizationConflict)
        {
            return (organizationConflict, false);
        }

        foreach (var user in change.AddedUsers)
        {
            db.Set<FederatedUserRow>().Add(EntityFrameworkFederatedUserStore<TContext>.ToRow(user.WithVersion(1)));
        }

        foreach (var membership in change.AddedMemberships)
        {
            db.Set<MembershipRow>().Add(MembershipRows.ToRow(membership.WithVersion(1)));
        }

        if (outboxTypes is not null)
        {
            var staged = OutboxRows.Stage(db, outboxTypes, change.Events, time.GetUtcNow());
            if (staged.IsFailure)
            {
                return (staged, false);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (Result.Success, true);
    }

    // The transaction rolled back on a unique key: name the key, read afresh (the caller re-reads and decides again).
    private async Task<Result> DuplicateAsync(ChangeSet change, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var user in change.AddedUsers)
        {
            if (await db.Set<FederatedUserRow>().AnyAsync(r => r.Id == user.Id.Value || (r.DirectoryId == user.DirectoryId.Value && r.Subject == user.Subject), cancellationToken).ConfigureAwait(false))
            {
                return StoreErrors.Duplicate("federated identity", $"{user.DirectoryId}/{user.Subject}");
            }
        }

        foreach (var membership in change.AddedMemberships)
        {
            if (await db.Set<MembershipRow>().AnyAsync(r => r.OrganizationId == membership.OrganizationId.Value && r.UserId == membership.UserId.Value, cancellationToken).ConfigureAwait(false))
            {
                return StoreErrors.Duplicate(IMembershipStore.MembershipKind, $"{membership.OrganizationId}/{membership.UserId}");
            }
        }

        return StoreErrors.Duplicate(IMembershipStore.UsernameKind, string.Join(',', change.AddedMemberships.Concat(change.UpdatedMemberships).Select(m => $"{m.OrganizationId}/{m.Username}")));
    }

    // Organizations and parent organizations of the change: conditional updates now, inserts with the other rows at SaveChanges.
    private static async Task<FederationError?> WriteOrganizationsAsync(TContext db, ChangeSet change, CancellationToken cancellationToken)
    {
        foreach (var organization in change.UpdatedOrganizations)
        {
            if (await EntityFrameworkOrganizationStore<TContext>.UpdateRowAsync(db, organization, cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreErrors.ConcurrencyConflict("organization", organization.Id.ToString());
            }
        }

        foreach (var organization in change.AddedOrganizations)
        {
            db.Set<OrganizationRow>().Add(EntityFrameworkOrganizationStore<TContext>.ToRow(organization.WithVersion(1)));
        }

        foreach (var parent in change.AddedParentOrganizations)
        {
            db.Set<ParentOrganizationRow>().Add(EntityFrameworkParentOrganizationStore<TContext>.ToRow(parent.WithVersion(1)));
        }

        foreach (var invitation in change.RenewedInvitations)
        {
            if (await EntityFrameworkSignInInvitationStore<TContext>.RenewRowAsync(db, invitation.Id, invitation.ExpiresAt, invitation.LastSentAt, cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreErrors.ConcurrencyConflict("invitation", invitation.Id.ToString("D"));
            }
        }

        foreach (var invitation in change.RevokedInvitations)
        {
            if (invitation.RevokedAt is not { } revokedAt
                || await EntityFrameworkSignInInvitationStore<TContext>.RevokeRowAsync(db, invitation.Id, revokedAt, cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreErrors.ConcurrencyConflict("invitation", invitation.Id.ToString("D"));
            }
        }

        foreach (var invitation in change.AddedInvitations)
        {
            db.Set<SignInInvitationRow>().Add(EntityFrameworkSignInInvitationStore<TContext>.ToNewRow(invitation));
        }

        return null;
    }

    private static FederationError Conflict(Membership membership) =>
        StoreErrors.ConcurrencyConflict(IMembershipStore.MembershipKind, $"{membership.OrganizationId}/{membership.UserId}");
}
