using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Usernames;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust.Service;

/// <summary>
/// The trustee organization's members reached through a trust: joined as Business-ID members of the directory (an explicit
/// add clears an administrator's earlier removal), and removed when the trust ends, never removing the organization's last
/// owner. Every write goes through the one membership write path (<see cref="ChangeSetCommitter"/>) with a bounded retry.
/// </summary>
internal sealed class TrusteeMembers(
    IOrganizationStore organizations,
    IMembershipStore memberships,
    IFederatedUserStore users,
    ChangeSetCommitter committer,
    TimeProvider time,
    int maxAttempts)
{
    private const int MaximumUsernameAttempts = 1000;

    // Every user reached through the directory leaves: those added by hand (recorded on the trust) and those JIT added at
    // sign-in (a Business-ID member of the directory). The trust is no longer accepted, so the next sign-in adds nobody back.
    public async Task RemoveReachedMembersAsync(TrustRequest request, UserId actor, CancellationToken cancellationToken)
    {
        var byHand = request.TrusteeUsers.Select(u => u.UserId).ToHashSet();
        foreach (var userId in await ReachedUserIdsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var removedEvent = new TrusteeUserChanged(DirectoryEventTypes.TrusteeUserRemoved, time.GetUtcNow(), request.Id, request.DirectoryId, request.TrusteeOrganizationId, userId) { Actor = EventActor.User(actor) };

            // A member that stays (it kept changing) stays whole and no event says it left: nothing is half-removed.
            await LeaveAsync(request.TrusteeOrganizationId, userId, request.DirectoryId, byHand.Contains(userId), removedEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    // The users an end of the trust removes: added by hand under it, or Business-ID members of its directory.
    public async Task<HashSet<UserId>> ReachedUserIdsAsync(TrustRequest request, CancellationToken cancellationToken)
    {
        var reached = request.TrusteeUsers.Select(u => u.UserId).ToHashSet();
        foreach (var member in await memberships.ListByDirectoryAsync(request.TrusteeOrganizationId, request.DirectoryId, cancellationToken).ConfigureAwait(false))
        {
            if (member.UserType == MemberUserType.Business)
            {
                reached.Add(member.UserId);
            }
        }

        return reached;
    }

    // Ending a trust must not leave the trustee organization without an owner: refused (nothing changes) when every owner is
    // a user the end would remove. LeaveAsync keeps the last owner as well, for an owner change that races the end.
    public async Task<FederationError?> RefuseIfLastOwnerWouldLeaveAsync(TrustRequest request, CancellationToken cancellationToken)
    {
        var owners = (await memberships.ListAdministratorsAsync(request.TrusteeOrganizationId, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Role == OrganizationRole.Owner).ToList();
        if (owners.Count == 0)
        {
            return null;
        }

        var reached = await ReachedUserIdsAsync(request, cancellationToken).ConfigureAwait(false);
        return owners.TrueForAll(o => reached.Contains(o.UserId))
            ? new FederationError(TrustErrorCodes.LastOwner, $"Ending the trust would remove the last owner of the organization '{request.TrusteeOrganizationId}'; make another member an owner first.")
                .WithDetail("userId", owners[0].UserId.ToString())
            : null;
    }

    /// <summary>Adds a Business-ID member of the directory to the trustee organization, with the first free username from the email.</summary>
    public async Task<Result<bool>> JoinAsync(OrganizationId organizationId, DirectoryId directoryId, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken)
    {
        if (await organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new FederationError(TrustErrorCodes.OrganizationNotFound, "The trustee organization does not exist.");
        }

        var at = email.LastIndexOf('@');
        var usernameBase = UsernameRules.Normalize(at > 0 ? email[..at] : userId.ToString());
        var joined = await BoundedRetry.RunAsync(maxAttempts, async _ =>
        {
            if (await memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new FederationError(TrustErrorCodes.UserAlreadyMember, "The user is already a member of the trustee organization.");
            }

            var username = await FreeUsername.FindAsync(memberships, organizationId, usernameBase, string.Empty, MaximumUsernameAttempts, cancellationToken).ConfigureAwait(false);
            if (username is null)
            {
                return new FederationError(SignInErrorCodes.UsernameExhausted, $"No unique username was found after {MaximumUsernameAttempts} attempts.")
                    .WithDetail("organization", organizationId.ToString());
            }

            var member = MembershipChanges.NewLocalMember(organizationId, userId, email, role, time.GetUtcNow()) with
            {
                Username = username,
                UserType = MemberUserType.Business,
                DirectoryId = directoryId,
            };
            var change = MembershipChanges.Join(member);
            if (await users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { DeletedAt: null } user && UserLifecycleChanges.ClearRemoved(user, organizationId) is { } readmitted)
            {
                change = change.UpdateUser(readmitted); // An administrator adds the user again: automatic join may keep it.
            }

            var committed = await committer.CommitAsync(change, cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return joined;
    }

    /// <summary>
    /// Removes a trustee member: one added by hand under the trust, or a Business-ID member of the directory. Raises
    /// <paramref name="left"/> with the removal when given.
    /// </summary>
    public async Task LeaveAsync(OrganizationId organizationId, UserId userId, DirectoryId directoryId, bool addedByHand, FederationEvent? left, CancellationToken cancellationToken)
    {
        await BoundedRetry.RunAsync(maxAttempts, async _ =>
        {
            var member = await memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false);
            if (member is null || (!addedByHand && (member.DirectoryId != directoryId || member.UserType != MemberUserType.Business)))
            {
                return Result<bool>.Success(false);
            }

            var change = MembershipChanges.Leave(member);
            if (member.Role == OrganizationRole.Owner)
            {
                var otherOwners = (await memberships.ListAdministratorsAsync(organizationId, cancellationToken).ConfigureAwait(false))
                    .Where(m => m.Role == OrganizationRole.Owner && m.UserId != userId).ToList();
                if (otherOwners.Count == 0)
                {
                    return Result<bool>.Success(false); // The organization keeps its last owner.
                }

                // Written with their versions, so two owners leaving at once cannot both succeed.
                foreach (var other in otherOwners)
                {
                    change = change.UpdateMembership(other);
                }
            }

            var committed = await committer.CommitAsync(left is null ? change : change.Raise(left), cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
    }
}
