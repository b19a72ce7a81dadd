using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.SignIn.Lifecycle;

/// <summary>
/// The pure user lifecycle transitions: each returns the <see cref="ChangeSet"/> (records and events) to commit through
/// <see cref="ChangeSetCommitter"/>. Every transition gives the user a new <see cref="FederatedUser.SecurityStamp"/>.
/// </summary>
public static class UserLifecycleChanges
{
    /// <summary>The subject prefix of a deleted user (followed by its id): no IdP asserts it, so no sign-in finds the tombstone.</summary>
    public const string DeletedSubjectPrefix = "deleted:";

    /// <summary>Suspends a user.</summary>
    /// <param name="user">The user as read.</param>
    /// <param name="actor">The administrator; null for the system.</param>
    /// <param name="now">The time.</param>
    public static ChangeSet Suspend(FederatedUser user, UserId? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ChangeSet.Empty
            .UpdateUser(user with { SuspendedAt = now, SecurityStamp = SecurityStamps.New() })
            .Raise(new UserSuspended(now, user.Id, actor));
    }

    /// <summary>Resumes a suspended user.</summary>
    /// <param name="user">The user as read.</param>
    /// <param name="actor">The administrator; null for the system.</param>
    /// <param name="now">The time.</param>
    public static ChangeSet Resume(FederatedUser user, UserId? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ChangeSet.Empty
            .UpdateUser(user with { SuspendedAt = null, SecurityStamp = SecurityStamps.New() })
            .Raise(new UserResumed(now, user.Id, actor));
    }

    /// <summary>
    /// Deletes a user: erases email and names, replaces the subject, removes every membership and keeps the row as a tombstone.
    /// </summary>
    /// <param name="user">The user as read.</param>
    /// <param name="memberships">The user's memberships as read.</param>
    /// <param name="actor">The administrator; null for the system.</param>
    /// <param name="now">The time.</param>
    public static ChangeSet Delete(FederatedUser user, IEnumerable<Membership> memberships, UserId? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(memberships);
        var tombstone = user with
        {
            Subject = DeletedSubjectPrefix + user.Id,
            Email = string.Empty,
            GivenName = null,
            FamilyName = null,
            SuspendedAt = null,
            DeletedAt = now,
            RemovedFrom = [],
            SecurityStamp = SecurityStamps.New(),
        };
        var change = ChangeSet.Empty.UpdateUser(tombstone);
        foreach (var membership in memberships)
        {
            change = change.RemoveMembership(membership)
                .Raise(new UserMembershipRemoved(now, membership.OrganizationId, user.Id, membership.Role, actor));
        }

        return change.Raise(new UserDeleted(now, user.Id, actor));
    }

    /// <summary>The user update that records an administrator's removal from <paramref name="organizationId"/>.</summary>
    /// <param name="user">The user as read.</param>
    /// <param name="organizationId">The organization the user was removed from.</param>
    public static FederatedUser MarkRemoved(FederatedUser user, OrganizationId organizationId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user with { RemovedFrom = user.RemovedFrom.Add(organizationId), SecurityStamp = SecurityStamps.New() };
    }

    /// <summary>The user update after an administrator added the user to <paramref name="organizationId"/> again; null when unchanged.</summary>
    /// <param name="user">The user as read.</param>
    /// <param name="organizationId">The organization.</param>
    public static FederatedUser? ClearRemoved(FederatedUser user, OrganizationId organizationId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.RemovedFrom.Contains(organizationId) ? user with { RemovedFrom = user.RemovedFrom.Remove(organizationId) } : null;
    }

    /// <summary>The user update after a role change: a new security stamp.</summary>
    /// <param name="user">The user as read.</param>
    public static FederatedUser NewStamp(FederatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user with { SecurityStamp = SecurityStamps.New() };
    }
}
