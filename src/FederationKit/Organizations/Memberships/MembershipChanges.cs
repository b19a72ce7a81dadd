using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// The pure membership transitions every writer uses (organizations, trust, merge proposals, JIT): each returns the
/// <see cref="ChangeSet"/> that joins, leaves or changes a member, to be committed by <see cref="ChangeSetCommitter"/>.
/// </summary>
public static class MembershipChanges
{
    /// <summary>A member added by hand: no username and no directory until the user signs in through one.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="userId">The user.</param>
    /// <param name="email">The normalized email.</param>
    /// <param name="role">The role.</param>
    /// <param name="joinedAt">When the user joins.</param>
    public static Membership NewLocalMember(OrganizationId organizationId, UserId userId, string email, OrganizationRole role, DateTimeOffset joinedAt) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        Email = email,
        Role = role,
        JoinedAt = joinedAt,
    };

    /// <summary>Adds a member.</summary>
    /// <param name="membership">The new membership.</param>
    public static ChangeSet Join(Membership membership) => ChangeSet.Empty.AddMembership(membership);

    /// <summary>Removes a member, as read (with its version).</summary>
    /// <param name="membership">The membership.</param>
    public static ChangeSet Leave(Membership membership) => ChangeSet.Empty.RemoveMembership(membership);

    /// <summary>Sets a member's role by hand (sign-in no longer recomputes it from IdP admin groups); empty when nothing changes.</summary>
    /// <param name="membership">The membership as read.</param>
    /// <param name="role">The new role.</param>
    public static ChangeSet ChangeRole(Membership membership, OrganizationRole role)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return membership.Role == role && !membership.RoleFromAdminMapping
            ? ChangeSet.Empty
            : ChangeSet.Empty.UpdateMembership(membership with { Role = role, RoleFromAdminMapping = false });
    }
}
