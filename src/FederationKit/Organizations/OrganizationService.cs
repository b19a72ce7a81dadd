using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// Creates parent organizations and organizations, links and unlinks them, and manages members, roles and the only-SSO switch.
/// Every write is one <see cref="ChangeSet"/> (the organization row, the membership rows and the events together) committed
/// through <see cref="ChangeSetCommitter"/> with optimistic concurrency (re-read and re-checked on a conflict): with the event
/// outbox on, the events are written in the change's own transaction; without it they are published once it committed.
/// </summary>
public sealed class OrganizationService
{
    private const int MaxAttempts = 8;

    private readonly IOrganizationStore _organizations;
    private readonly IParentOrganizationStore _parents;
    private readonly IMembershipStore _memberships;
    private readonly ChangeSetCommitter _committer;
    private readonly TimeProvider _time;
    private readonly IFederatedUserStore? _users;

    /// <summary>Creates the service.</summary>
    /// <param name="organizations">The organization store.</param>
    /// <param name="parents">The parent organization store.</param>
    /// <param name="memberships">The membership rows.</param>
    /// <param name="committer">Commits every change with its events.</param>
    /// <param name="time">The clock.</param>
    /// <param name="users">
    /// The federated users: a member an administrator removes stays removed (automatic join does not add it again until an
    /// administrator adds it), and removals and role changes renew the user's security stamp; null skips both
    /// (AddFederationKit registers one).
    /// </param>
    public OrganizationService(
        IOrganizationStore organizations, IParentOrganizationStore parents, IMembershipStore memberships, ChangeSetCommitter committer, TimeProvider time,
        IFederatedUserStore? users = null)
    {
        _users = users;
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _committer = committer ?? throw new ArgumentNullException(nameof(committer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates a parent organization whose first administrator (an owner) is <paramref name="creator"/>.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="creator">The user creating it.</param>
    /// <param name="creatorEmail">The creator's email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ParentOrganization>> CreateParentOrganizationAsync(string name, UserId creator, string creatorEmail, CancellationToken cancellationToken = default)
    {
        var validName = OrganizationName.Normalize(name);
        if (validName is null)
        {
            return NameInvalid();
        }

        var email = MemberEmail.Normalize(creatorEmail);
        if (email is null)
        {
            return EmailInvalid();
        }

        var now = _time.GetUtcNow();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = validName,
            Administrators = [new OrganizationMember(creator, email, OrganizationRole.Owner)],
            CreatedAt = now,
        };
        var committed = await _committer.CommitAsync(
            ChangeSet.Empty.AddParentOrganization(parent).Raise(new ParentOrganizationCreated(parent.Id, validName, creator, now)), cancellationToken).ConfigureAwait(false);
        return committed.IsSuccess ? parent.WithVersion(1) : committed.Error;
    }

    /// <summary>Creates an organization, not linked to any parent, whose first member (an owner) is <paramref name="creator"/>.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="creator">The user creating it.</param>
    /// <param name="creatorEmail">The creator's email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> CreateOrganizationAsync(string name, UserId creator, string creatorEmail, CancellationToken cancellationToken = default)
    {
        var validName = OrganizationName.Normalize(name);
        if (validName is null)
        {
            return NameInvalid();
        }

        var email = MemberEmail.Normalize(creatorEmail);
        if (email is null)
        {
            return EmailInvalid();
        }

        var now = _time.GetUtcNow();
        var organization = new Organization
        {
            Id = OrganizationId.New(),
            Name = validName,
            CreatedAt = now,
        };

        // The organization, its owner's membership and the event commit together: never an organization nobody administers.
        var owner = MembershipChanges.NewLocalMember(organization.Id, creator, email, OrganizationRole.Owner, now);
        var committed = await _committer.CommitAsync(
            ChangeSet.Empty.AddOrganization(organization).Merge(MembershipChanges.Join(owner)).Raise(new OrganizationCreated(organization.Id, validName, creator, now)),
            cancellationToken).ConfigureAwait(false);
        return committed.IsSuccess ? organization.WithVersion(1) : committed.Error;
    }

    /// <summary>
    /// Links an organization to a parent organization directly. This is a host-level operation with no approval and no
    /// email check; organizations asking to join a parent should use <see cref="MergeProposals.MergeProposalService"/>.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="parentId">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> LinkToParentAsync(OrganizationId organizationId, ParentOrganizationId parentId, CancellationToken cancellationToken = default)
    {
        if (await _parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new FederationError(OrganizationErrorCodes.ParentNotFound, $"No parent organization '{parentId}' exists.");
        }

        return await ChangeAsync(organizationId, organization => organization.ParentId is { } current
            ? new FederationError(OrganizationErrorCodes.AlreadyLinked, $"The organization '{organizationId}' is already linked to the parent organization '{current}'; unlink it first.")
            : ChangeSet.Empty.UpdateOrganization(organization with { ParentId = parentId }).Raise(new OrganizationLinked(organizationId, parentId, _time.GetUtcNow())),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unlinks an organization from its parent organization (a host-level operation).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> UnlinkFromParentAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        return await ChangeAsync(organizationId, organization => organization.ParentId is not { } parentId
            ? new FederationError(OrganizationErrorCodes.NotLinked, $"The organization '{organizationId}' is not linked to a parent organization.")
            : ChangeSet.Empty.UpdateOrganization(organization with { ParentId = null }).Raise(new OrganizationUnlinked(organizationId, parentId, _time.GetUtcNow())),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a member. The actor must be an administrator of the organization; only an owner may add an owner.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The administrator making the change.</param>
    /// <param name="userId">The new member.</param>
    /// <param name="email">The new member's email (stored in lower case).</param>
    /// <param name="role">The new member's role.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Membership>> AddMemberAsync(OrganizationId organizationId, UserId actor, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        var normalized = MemberEmail.Normalize(email);
        if (normalized is null)
        {
            return EmailInvalid();
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var added = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            if (await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false) is { IsFailure: true } missing)
            {
                return missing.Error;
            }

            if (await AuthorizeAsync(organizationId, actor, role == OrganizationRole.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            if (await _memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new FederationError(OrganizationErrorCodes.MemberExists, $"The user '{userId}' is already a member of the organization '{organizationId}'.");
            }

            var now = _time.GetUtcNow();
            var member = MembershipChanges.NewLocalMember(organizationId, userId, normalized, role, now);
            var change = MembershipChanges.Join(member);
            if (await FindUserAsync(userId, cancellationToken).ConfigureAwait(false) is { } user && UserLifecycleChanges.ClearRemoved(user, organizationId) is { } readmitted)
            {
                change = change.UpdateUser(readmitted); // An administrator adds the user again: automatic join may keep it.
            }

            var committed = await _committer.CommitAsync(
                change.Raise(new OrganizationMemberAdded(organizationId, userId, role, actor, now)), cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? member.WithVersion(1) : Result<Membership>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return added.IsFailure && BoundedRetry.IsConflict(added.Error) ? Contended(organizationId) : added;
    }

    /// <summary>
    /// Removes a member. The actor must be an administrator (an owner to remove an owner); a member may also remove themselves.
    /// The last owner cannot be removed.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The user making the change.</param>
    /// <param name="userId">The member to remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> RemoveMemberAsync(OrganizationId organizationId, UserId actor, UserId userId, CancellationToken cancellationToken = default)
    {
        var removed = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            if (await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false) is { IsFailure: true } missing)
            {
                return missing.Error;
            }

            var member = await _memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false);
            if (actor != userId || member is null)
            {
                if (await AuthorizeAsync(organizationId, actor, member?.Role == OrganizationRole.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }
            }

            if (member is null)
            {
                return MemberNotFound(organizationId, userId);
            }

            if (member.Role == OrganizationRole.Owner && await CountOwnersAsync(organizationId, cancellationToken).ConfigureAwait(false) == 1)
            {
                return LastOwner(organizationId);
            }

            var change = await GuardOwnersAsync(MembershipChanges.Leave(member), member, cancellationToken).ConfigureAwait(false);
            if (actor != userId && await FindUserAsync(userId, cancellationToken).ConfigureAwait(false) is { } user)
            {
                // Removed by an administrator: stays removed from automatic join, and the user's sessions end.
                change = change.UpdateUser(UserLifecycleChanges.MarkRemoved(user, organizationId));
            }

            var committed = await _committer.CommitAsync(
                change.Raise(new OrganizationMemberRemoved(organizationId, userId, actor, _time.GetUtcNow())), cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        // A removed member's break-glass flag went with its membership row.
        if (removed.IsFailure)
        {
            return BoundedRetry.IsConflict(removed.Error) ? Contended(organizationId) : removed.Error;
        }

        return Result.Success;
    }

    /// <summary>
    /// Changes a member's role. The actor must be an administrator, and an owner when the owner role is granted or taken away.
    /// The last owner cannot be demoted.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The administrator making the change.</param>
    /// <param name="userId">The member.</param>
    /// <param name="role">The new role.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Membership>> ChangeRoleAsync(OrganizationId organizationId, UserId actor, UserId userId, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var changed = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            if (await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false) is { IsFailure: true } missing)
            {
                return missing.Error;
            }

            var member = await _memberships.FindAsync(organizationId, userId, cancellationToken).ConfigureAwait(false);
            var touchesOwner = role == OrganizationRole.Owner || member?.Role == OrganizationRole.Owner;
            if (await AuthorizeAsync(organizationId, actor, touchesOwner, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            if (member is null)
            {
                return MemberNotFound(organizationId, userId);
            }

            if (member.Role == OrganizationRole.Owner && role != OrganizationRole.Owner && await CountOwnersAsync(organizationId, cancellationToken).ConfigureAwait(false) == 1)
            {
                return LastOwner(organizationId);
            }

            var change = MembershipChanges.ChangeRole(member, role);
            if (change.HasNoRecords)
            {
                return member;
            }

            if (member.Role == OrganizationRole.Owner && role != OrganizationRole.Owner)
            {
                change = await GuardOwnersAsync(change, member, cancellationToken).ConfigureAwait(false);
            }

            if (member.Role != role && await FindUserAsync(userId, cancellationToken).ConfigureAwait(false) is { } user)
            {
                change = change.UpdateUser(UserLifecycleChanges.NewStamp(user));
            }

            if (member.Role != role)
            {
                change = change.Raise(new OrganizationMemberRoleChanged(organizationId, userId, member.Role, role, actor, _time.GetUtcNow()));
            }

            var committed = await _committer.CommitAsync(change, cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? change.UpdatedMemberships[0].WithVersion(member.Version + 1) : Result<Membership>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return changed.IsFailure && BoundedRetry.IsConflict(changed.Error) ? Contended(organizationId) : changed;
    }

    /// <summary>Lists one page of an organization's members, ordered by user id.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="after">The last user id of the previous page; null for the first page.</param>
    /// <param name="limit">The page size (1 to 1,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<IReadOnlyList<Membership>> ListMembersAsync(OrganizationId organizationId, UserId? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return _memberships.ListByOrganizationAsync(organizationId, after, limit, cancellationToken);
    }

    /// <summary>
    /// Turns the organization's "only SSO" switch on or off and sets its break-glass accounts (replacing the previous list).
    /// While it is on, <see cref="SignIn.Routing.LocalLoginPolicy"/> refuses the product's own login to every member except
    /// the break-glass accounts. The actor must be an owner; every break-glass account must be a member.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The owner making the change.</param>
    /// <param name="onlySso">Whether only SSO is allowed.</param>
    /// <param name="breakGlassUserIds">The members who keep the product's own login (keep it short, e.g. one or two owners).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> SetOnlySsoAsync(OrganizationId organizationId, UserId actor, bool onlySso, IEnumerable<UserId> breakGlassUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(breakGlassUserIds);
        var breakGlass = breakGlassUserIds.ToImmutableHashSet();
        var result = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            var found = await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false);
            if (found.IsFailure)
            {
                return found;
            }

            if (await AuthorizeAsync(organizationId, actor, ownerRequired: true, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            // The flags live on the membership rows, each update checked against the version read: a member removed meanwhile
            // makes the change conflict, and the next attempt refuses it as a non-member.
            var organization = found.Value;
            var change = organization.OnlySso == onlySso ? ChangeSet.Empty : ChangeSet.Empty.UpdateOrganization(organization with { OnlySso = onlySso });
            foreach (var candidate in breakGlass.OrderBy(id => id.Value))
            {
                var member = await _memberships.FindAsync(organizationId, candidate, cancellationToken).ConfigureAwait(false);
                if (member is null)
                {
                    return new FederationError(OrganizationErrorCodes.BreakGlassNotMember,
                            $"The user '{candidate}' is not a member of the organization '{organizationId}' and cannot be one of its break-glass accounts.")
                        .WithDetail("user", candidate.ToString());
                }

                if (!member.BreakGlass)
                {
                    change = change.UpdateMembership(member with { BreakGlass = true });
                }
            }

            foreach (var member in await _memberships.ListBreakGlassAsync(organizationId, cancellationToken).ConfigureAwait(false))
            {
                if (!breakGlass.Contains(member.UserId))
                {
                    change = change.UpdateMembership(member with { BreakGlass = false });
                }
            }

            if (change.HasNoRecords)
            {
                return organization;
            }

            change = change.Raise(new OrganizationOnlySsoChanged(organizationId, onlySso, [.. breakGlass.OrderBy(id => id.Value)], actor, _time.GetUtcNow()));
            var committed = await _committer.CommitAsync(change, cancellationToken).ConfigureAwait(false);
            if (committed.IsFailure)
            {
                return committed.Error;
            }

            return change.UpdatedOrganizations.IsEmpty ? organization : change.UpdatedOrganizations[0].WithVersion(organization.Version + 1);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return result.IsFailure && BoundedRetry.IsConflict(result.Error) ? Contended(organizationId) : result;
    }

    // One change of an organization row (with its events) under the bounded retry; the plan re-reads on a conflict.
    private async Task<Result<Organization>> ChangeAsync(OrganizationId organizationId, Func<Organization, Result<ChangeSet>> plan, CancellationToken cancellationToken)
    {
        var result = await BoundedRetry.RunAsync(MaxAttempts, async _ =>
        {
            var organization = await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false);
            if (organization.IsFailure)
            {
                return organization;
            }

            var change = plan(organization.Value);
            if (change.IsFailure)
            {
                return change.Error;
            }

            var committed = await _committer.CommitAsync(change.Value, cancellationToken).ConfigureAwait(false);
            return committed.IsFailure
                ? committed.Error
                : change.Value.UpdatedOrganizations.Single().WithVersion(organization.Value.Version + 1);
        }, e => e.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
        return result.IsFailure && result.Error.Code == StoreErrorCodes.ConcurrencyConflict ? Contended(organizationId) : result;
    }

    private async Task<Result<Organization>> FindOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } organization
            ? organization
            : new FederationError(OrganizationErrorCodes.NotFound, $"No organization '{organizationId}' exists.");

    private async Task<FederationError?> AuthorizeAsync(OrganizationId organizationId, UserId actor, bool ownerRequired, CancellationToken cancellationToken)
    {
        var member = await _memberships.FindAsync(organizationId, actor, cancellationToken).ConfigureAwait(false);
        if (member is null || !member.IsAdministrator)
        {
            return new FederationError(OrganizationErrorCodes.NotAuthorized, $"The user '{actor}' is not an administrator of the organization '{organizationId}'.");
        }

        if (ownerRequired && member.Role != OrganizationRole.Owner)
        {
            return new FederationError(OrganizationErrorCodes.OwnerRequired, "Only an owner may grant or take away the owner role or remove an owner.");
        }

        return null;
    }

    /// <summary>
    /// When an owner leaves or is demoted, the change also rewrites (unchanged, version-checked) every other owner's row, so two
    /// such changes that run at once conflict and the second re-reads: the organization never loses its last owner.
    /// </summary>
    private async Task<ChangeSet> GuardOwnersAsync(ChangeSet change, Membership changing, CancellationToken cancellationToken)
    {
        if (changing.Role != OrganizationRole.Owner)
        {
            return change;
        }

        foreach (var owner in await _memberships.ListAdministratorsAsync(changing.OrganizationId, cancellationToken).ConfigureAwait(false))
        {
            if (owner.Role == OrganizationRole.Owner && owner.UserId != changing.UserId)
            {
                change = change.UpdateMembership(owner);
            }
        }

        return change;
    }

    private async Task<FederatedUser?> FindUserAsync(UserId userId, CancellationToken cancellationToken) =>
        _users is null ? null : await _users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { DeletedAt: null } user ? user : null;

    private async Task<int> CountOwnersAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        (await _memberships.ListAdministratorsAsync(organizationId, cancellationToken).ConfigureAwait(false)).Count(m => m.Role == OrganizationRole.Owner);

    private static FederationError Contended(OrganizationId organizationId) =>
        new(OrganizationErrorCodes.Contended, $"The organization '{organizationId}' kept changing concurrently; retry.");

    private static FederationError NameInvalid() =>
        new(OrganizationErrorCodes.NameInvalid, $"The name must be 1 to {OrganizationName.MaxLength} characters without control characters.");

    private static FederationError EmailInvalid() =>
        new(OrganizationErrorCodes.EmailInvalid, "The email is not a valid address.");

    private static FederationError MemberNotFound(OrganizationId organizationId, UserId userId) =>
        new(OrganizationErrorCodes.MemberNotFound, $"The user '{userId}' is not a member of the organization '{organizationId}'.");

    private static FederationError LastOwner(OrganizationId organizationId) =>
        new(OrganizationErrorCodes.LastOwner, $"The organization '{organizationId}' must keep at least one owner; make another member an owner first.");
}
