using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.SignIn.Lifecycle;

/// <summary>
/// Suspends, resumes and deletes users, each as one <see cref="ChangeSet"/> committed through <see cref="ChangeSetCommitter"/>.
/// Who may act: the host acting as the system (a null actor) always; otherwise a user who is an administrator of every
/// organization the target belongs to (an owner of those where the target is an owner), never on itself. A suspension holds in
/// every organization, so an administrator of only one of them cannot lock the user out of the others.
/// </summary>
public sealed class UserLifecycleService
{
    private readonly IFederatedUserStore _users;
    private readonly IMembershipStore _memberships;
    private readonly ChangeSetCommitter _committer;
    private readonly TimeProvider _time;
    private readonly SignInOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="users">The user store.</param>
    /// <param name="memberships">The membership rows.</param>
    /// <param name="committer">Commits each change and publishes its events.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Sign-in settings (the concurrency retry bound).</param>
    public UserLifecycleService(IFederatedUserStore users, IMembershipStore memberships, ChangeSetCommitter committer, TimeProvider time, SignInOptions options)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _committer = committer ?? throw new ArgumentNullException(nameof(committer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Suspends a user: every sign-in is refused with <see cref="SignInErrorCodes.UserSuspended"/> and the security stamp changes.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="actor">The administrator acting; null for the host acting as the system.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> SuspendAsync(UserId userId, UserId? actor, CancellationToken cancellationToken = default) =>
        RunAsync(userId, actor, (user, _) => user.SuspendedAt is not null
            ? new FederationError(UserLifecycleErrorCodes.AlreadySuspended, $"The user '{userId}' is already suspended.")
            : UserLifecycleChanges.Suspend(user, actor, _time.GetUtcNow()), cancellationToken);

    /// <summary>Resumes a suspended user: sign-in works again and the security stamp changes.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="actor">The administrator acting; null for the host acting as the system.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> ResumeAsync(UserId userId, UserId? actor, CancellationToken cancellationToken = default) =>
        RunAsync(userId, actor, (user, _) => user.SuspendedAt is null
            ? new FederationError(UserLifecycleErrorCodes.NotSuspended, $"The user '{userId}' is not suspended.")
            : UserLifecycleChanges.Resume(user, actor, _time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Deletes a user: email, names and subject erased, every membership removed, the row kept as a tombstone under the same id.
    /// The IdP identity that signs in again becomes a new user. Refused while the user is the last owner of an organization.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="actor">The administrator acting; null for the host acting as the system.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> DeleteAsync(UserId userId, UserId? actor, CancellationToken cancellationToken = default) =>
        RunAsync(userId, actor, (user, memberships) => UserLifecycleChanges.Delete(user, memberships, actor, _time.GetUtcNow()), cancellationToken, checkLastOwner: true);

    private async Task<Result> RunAsync(
        UserId userId, UserId? actor, Func<FederatedUser, IReadOnlyList<Membership>, Result<ChangeSet>> plan, CancellationToken cancellationToken, bool checkLastOwner = false)
    {
        var done = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
        {
            var user = await _users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
            if (user is null || user.DeletedAt is not null)
            {
                return new FederationError(UserLifecycleErrorCodes.NotFound, $"No user '{userId}' exists.");
            }

            var memberships = await _memberships.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false);
            if (await AuthorizeAsync(actor, user, memberships, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var ownerGuard = ChangeSet.Empty;
            if (checkLastOwner)
            {
                var owners = await OtherOwnersAsync(memberships, cancellationToken).ConfigureAwait(false);
                if (owners.IsFailure)
                {
                    return owners.Error;
                }

                ownerGuard = owners.Value;
            }

            var change = plan(user, memberships);
            if (change.IsFailure)
            {
                return change.Error;
            }

            var committed = await _committer.CommitAsync(change.Value.Merge(ownerGuard), cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        if (done.IsFailure)
        {
            return BoundedRetry.IsConflict(done.Error)
                ? new FederationError(UserLifecycleErrorCodes.Contended, $"The user '{userId}' kept changing concurrently; retry.")
                : done.Error;
        }

        return Result.Success;
    }

    private async Task<FederationError?> AuthorizeAsync(UserId? actor, FederatedUser user, IReadOnlyList<Membership> memberships, CancellationToken cancellationToken)
    {
        if (actor is not { } acting)
        {
            return null;
        }

        var refused = new FederationError(UserLifecycleErrorCodes.NotAuthorized,
                $"The user '{acting}' is not an administrator of every organization the user '{user.Id}' belongs to.")
            .WithDetail("user", user.Id.ToString());
        if (acting == user.Id || memberships.Count == 0)
        {
            return refused;
        }

        foreach (var membership in memberships)
        {
            var admin = await _memberships.FindAsync(membership.OrganizationId, acting, cancellationToken).ConfigureAwait(false);
            if (admin is null || !admin.IsAdministrator || (membership.Role == OrganizationRole.Owner && admin.Role != OrganizationRole.Owner))
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>
    /// Refuses when the user is the last owner of an organization; otherwise returns the guard: every other owner's row of those
    /// organizations rewritten unchanged (version-checked), so two owners deleted at once conflict and the second re-reads and is
    /// refused, instead of both passing the count and leaving the organization without an owner.
    /// </summary>
    private async Task<Result<ChangeSet>> OtherOwnersAsync(IReadOnlyList<Membership> memberships, CancellationToken cancellationToken)
    {
        var guard = ChangeSet.Empty;
        foreach (var membership in memberships.Where(m => m.Role == OrganizationRole.Owner))
        {
            var others = (await _memberships.ListAdministratorsAsync(membership.OrganizationId, cancellationToken).ConfigureAwait(false))
                .Where(m => m.Role == OrganizationRole.Owner && m.UserId != membership.UserId).ToList();
            if (others.Count == 0)
            {
                return new FederationError(UserLifecycleErrorCodes.LastOwner, $"The user is the last owner of the organization '{membership.OrganizationId}'; make another member an owner first.")
                    .WithDetail("organization", membership.OrganizationId.ToString());
            }

            foreach (var other in others)
            {
                guard = guard.UpdateMembership(other);
            }
        }

        return guard;
    }
}
