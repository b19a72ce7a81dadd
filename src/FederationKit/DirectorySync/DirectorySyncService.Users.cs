using System.Collections.Immutable;
using FederationKit.DirectorySync.Events;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.DirectorySync;

public sealed partial class DirectorySyncService
{
    /// <summary>
    /// Creates a directory user before any sign-in (its IdP subject is bound at its first sign-in, matched by verified email).
    /// The email must be on a verified domain linked to the directory; <c>externalId</c> and <c>userName</c> must be free in
    /// the directory. The user gets its memberships at once (automatic join; none in an invitation-only organization until
    /// invited). A user of the directory with the same email that JIT provisioned and SCIM never claimed is adopted instead.
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="input">The attributes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncUser>> CreateUserAsync(DirectorySyncCaller caller, DirectorySyncUserInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var checkedInput = await CheckInputAsync(caller, input, self: null, cancellationToken).ConfigureAwait(false);
        if (checkedInput.IsFailure)
        {
            return checkedInput.Error;
        }

        var email = checkedInput.Value;
        var done = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
        {
            var now = _time.GetUtcNow();
            var adoptable = (await _userQuery.ListByEmailAsync(caller.DirectoryId, email, cancellationToken).ConfigureAwait(false))
                .Where(u => !u.IsDirectorySynced && u.DeletedAt is null).ToList();
            FederatedUser? existing = adoptable.Count == 1 ? adoptable[0] : null;
            FederatedUser user;
            ChangeSet change;
            if (existing is null)
            {
                var id = UserId.New();
                user = new FederatedUser
                {
                    Id = id,
                    DirectoryId = caller.DirectoryId,
                    Subject = FederatedUser.UnboundSubjectPrefix + id,
                    CreatedAt = now,
                    LastSignInAt = now,
                    SecurityStamp = SecurityStamps.New(),
                };
                user = Assign(user, input, email, now) with { SuspendedAt = input.Active ? null : now };
                change = ChangeSet.Empty.AddUser(user);
            }
            else
            {
                user = Assign(existing, input, email, now);
                if (!input.Active && existing.SuspendedAt is null)
                {
                    user = user with { SuspendedAt = now, SecurityStamp = SecurityStamps.New() };
                }

                change = ChangeSet.Empty.UpdateUser(user);
            }

            change = change.Raise(new DirectorySyncUserCreated(now, caller.DirectoryId, policy.Value.Owner, user.Id));
            if (user.SuspendedAt is not null && existing?.SuspendedAt is null)
            {
                change = change.Raise(new UserSuspended(now, user.Id, null));
            }

            var names = existing is null ? [] : await GroupNamesAsync(existing.Id, cancellationToken).ConfigureAwait(false);
            return await PlanAndCommitAsync(caller, policy.Value, existing, user, change, names, cancellationToken).ConfigureAwait(false);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        if (done.IsFailure)
        {
            return Contended(done.Error);
        }

        return await ReadAsync(caller, done.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a user's attributes (SCIM PUT, or a PATCH the adapter applied to the read user). <c>Active</c> false suspends
    /// the user through the lifecycle (new security stamp, every sign-in refused); true resumes it. Memberships are
    /// re-planned at once (a new email updates the members' email).
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userId">The user.</param>
    /// <param name="input">The new attributes.</param>
    /// <param name="expectedVersion">The version the client read (SCIM <c>If-Match</c>); null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncUser>> ReplaceUserAsync(
        DirectorySyncCaller caller, UserId userId, DirectorySyncUserInput input, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var checkedInput = await CheckInputAsync(caller, input, userId, cancellationToken).ConfigureAwait(false);
        if (checkedInput.IsFailure)
        {
            return checkedInput.Error;
        }

        var email = checkedInput.Value;
        var done = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
        {
            var existing = await FindOwnUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
            if (existing.IsFailure)
            {
                return existing.Error;
            }

            var current = existing.Value;
            if (expectedVersion is { } expected && current.Version != expected)
            {
                return VersionMismatch(expected, current.Version);
            }

            var now = _time.GetUtcNow();
            var user = Assign(current, input, email, now);
            var change = ChangeSet.Empty;
            var changed = ChangedAttributes(current, user);
            if (input.Active && current.SuspendedAt is not null)
            {
                user = user with { SuspendedAt = null, SecurityStamp = SecurityStamps.New() };
                change = change.Raise(new UserResumed(now, user.Id, null));
            }
            else if (!input.Active && current.SuspendedAt is null)
            {
                user = user with { SuspendedAt = now, SecurityStamp = SecurityStamps.New() };
                change = change.Raise(new UserSuspended(now, user.Id, null));
            }

            if (!changed.IsEmpty)
            {
                change = change.Raise(new DirectorySyncUserUpdated(now, caller.DirectoryId, policy.Value.Owner, user.Id, changed));
            }

            change = change.UpdateUser(user);
            var names = await GroupNamesAsync(user.Id, cancellationToken).ConfigureAwait(false);
            return await PlanAndCommitAsync(caller, policy.Value, current, user, change, names, cancellationToken).ConfigureAwait(false);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        if (done.IsFailure)
        {
            return Contended(done.Error);
        }

        return await ReadAsync(caller, done.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deprovisions a user as <see cref="UserLifecycleService.DeleteAsync"/> does: every membership removed, personal data
    /// erased, the row kept as a tombstone; it also leaves every directory group. Refused with
    /// <see cref="UserLifecycleErrorCodes.LastOwner"/> while the user is the last owner of an organization.
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userId">The user.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> DeleteUserAsync(DirectorySyncCaller caller, UserId userId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var found = await FindOwnUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        if (expectedVersion is { } expectedAtStart && found.Value.Version != expectedAtStart)
        {
            return VersionMismatch(expectedAtStart, found.Value.Version);
        }

        if (await LastOwnerAsync(await _memberships.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // The group rows go first: a failure before the deletion leaves a user a retried DELETE still finds.
        await _groups.RemoveMemberEverywhereAsync(userId, cancellationToken).ConfigureAwait(false);
        var done = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
        {
            var existing = await FindOwnUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
            if (existing.IsFailure)
            {
                return existing.Error;
            }

            var user = existing.Value;
            var memberships = await _memberships.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false);
            if (await LastOwnerAsync(memberships, cancellationToken).ConfigureAwait(false) is { } lastOwner)
            {
                return lastOwner;
            }

            var change = UserLifecycleChanges.Delete(user, memberships, null, _time.GetUtcNow());
            var tombstone = change.UpdatedUsers[0] with { ExternalId = null, UserName = null, DisplayName = null, LastModifiedAt = _time.GetUtcNow() };
            change = change with { UpdatedUsers = [tombstone] };
            var committed = await CommitAsync(change, caller, policy.Value.Owner, cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return done.IsSuccess ? Result.Success : Contended(done.Error);
    }

    private async Task<FederationError?> LastOwnerAsync(IReadOnlyList<Membership> memberships, CancellationToken cancellationToken)
    {
        foreach (var membership in memberships.Where(m => m.Role == OrganizationRole.Owner))
        {
            var owners = (await _memberships.ListAdministratorsAsync(membership.OrganizationId, cancellationToken).ConfigureAwait(false)).Count(m => m.Role == OrganizationRole.Owner);
            if (owners <= 1)
            {
                return new FederationError(UserLifecycleErrorCodes.LastOwner, $"The user is the last owner of the organization '{membership.OrganizationId}'.")
                    .WithDetail("organization", membership.OrganizationId.ToString());
            }
        }

        return null;
    }

    /// <summary>Reads a user of the caller's directory.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<DirectorySyncUser>> GetUserAsync(DirectorySyncCaller caller, UserId userId, CancellationToken cancellationToken = default) =>
        ReadAsync(caller, userId, cancellationToken);

    /// <summary>The user of the caller's directory with that <c>externalId</c>, or null.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="externalId">The external id (ordinal).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncUser?> FindUserByExternalIdAsync(DirectorySyncCaller caller, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(externalId);
        var user = await _userQuery.FindByExternalIdAsync(caller.DirectoryId, externalId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : View(user);
    }

    /// <summary>The user of the caller's directory with that <c>userName</c> (case-insensitive), or null.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userName">The user name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncUser?> FindUserByUserNameAsync(DirectorySyncCaller caller, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(userName);
        var user = await _userQuery.FindByUserNameAsync(caller.DirectoryId, userName, cancellationToken).ConfigureAwait(false);
        return user is null ? null : View(user);
    }

    /// <summary>The users of the caller's directory with that email (case-insensitive), ordered by id.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<ImmutableArray<DirectorySyncUser>> FindUsersByEmailAsync(DirectorySyncCaller caller, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var canonical = MemberEmail.Canonicalize(email);
        if (canonical is null)
        {
            return [];
        }

        return [.. (await _userQuery.ListByEmailAsync(caller.DirectoryId, canonical, cancellationToken).ConfigureAwait(false)).Select(View)];
    }

    /// <summary>A page of the caller's directory's users ordered by id, with the total count.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="offset">Zero-based offset (SCIM <c>startIndex</c> − 1).</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncPage<DirectorySyncUser>> ListUsersAsync(DirectorySyncCaller caller, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (o, c) = Page(offset, count);
        var (users, total) = await _userQuery.ListAsync(caller.DirectoryId, o, c, cancellationToken).ConfigureAwait(false);
        return new DirectorySyncPage<DirectorySyncUser>([.. users.Select(View)], total, o);
    }

    /// <summary>
    /// A page of the caller's directory's users that match <paramref name="criteria"/>, ordered by id, with how many match in
    /// all; the store answers it (never a load of the whole directory).
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="criteria">What the users must match; an email that is not a plain address matches nobody.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncPage<DirectorySyncUser>> QueryUsersAsync(
        DirectorySyncCaller caller, DirectorySyncUserCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(criteria);
        var (o, c) = Page(offset, count);
        if (criteria.Email is not null)
        {
            var canonical = MemberEmail.Canonicalize(criteria.Email);
            if (canonical is null)
            {
                return new DirectorySyncPage<DirectorySyncUser>([], 0, o);
            }

            criteria = criteria with { Email = canonical };
        }

        var (users, total) = await _userQuery.QueryAsync(caller.DirectoryId, criteria, o, c, cancellationToken).ConfigureAwait(false);
        return new DirectorySyncPage<DirectorySyncUser>([.. users.Select(View)], total, o);
    }

    private async Task<Result<DirectorySyncUser>> ReadAsync(DirectorySyncCaller caller, UserId userId, CancellationToken cancellationToken)
    {
        var user = await FindOwnUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
        return user.IsSuccess ? View(user.Value) : user.Error;
    }

    private async Task<Result<FederatedUser>> FindOwnUserAsync(DirectorySyncCaller caller, UserId userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = await _users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.DeletedAt is not null || user.DirectoryId != caller.DirectoryId)
        {
            return new FederationError(DirectorySyncErrorCodes.UserNotFound, $"No user '{userId}' exists in this directory.").WithDetail("user", userId.ToString());
        }

        return user;
    }

    /// <summary>Validates the attributes, applies the domain gate and the uniqueness of externalId and userName; returns the canonical email.</summary>
    private async Task<Result<string>> CheckInputAsync(DirectorySyncCaller caller, DirectorySyncUserInput input, UserId? self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(input.UserName) || input.UserName.Length > MaxAttributeLength)
        {
            return Invalid("userName", $"userName is required and at most {MaxAttributeLength} characters.");
        }

        if (input.ExternalId is not null && (input.ExternalId.Length == 0 || input.ExternalId.Length > MaxAttributeLength))
        {
            return Invalid("externalId", $"externalId, when present, is 1 to {MaxAttributeLength} characters.");
        }

        foreach (var (name, value) in new[] { ("givenName", input.GivenName), ("familyName", input.FamilyName), ("displayName", input.DisplayName) })
        {
            if (value is { Length: > MaxAttributeLength })
            {
                return Invalid(name, $"{name} is at most {MaxAttributeLength} characters.");
            }
        }

        var email = MemberEmail.Canonicalize(input.Email);
        if (email is null)
        {
            return Invalid("emails", "A primary email that is a plain address is required.");
        }

        var domain = MemberEmail.DomainOf(email)!;
        if (!await EmailDomainGate.CoversAsync(_router, _domainOwners, caller.DirectoryId, domain, cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(DirectorySyncErrorCodes.EmailDomainNotCovered,
                    $"The email domain '{domain}' is not a verified domain linked to directory '{caller.DirectoryId}'.")
                .WithDetail("domain", domain).WithDetail("directory", caller.DirectoryId.ToString());
        }

        if (input.ExternalId is not null
            && await _userQuery.FindByExternalIdAsync(caller.DirectoryId, input.ExternalId, cancellationToken).ConfigureAwait(false) is { } byExternal && byExternal.Id != self)
        {
            return Conflict("externalId", input.ExternalId);
        }

        if (await _userQuery.FindByUserNameAsync(caller.DirectoryId, input.UserName, cancellationToken).ConfigureAwait(false) is { } byName && byName.Id != self)
        {
            return Conflict("userName", input.UserName);
        }

        return email;
    }

    private static FederatedUser Assign(FederatedUser user, DirectorySyncUserInput input, string email, DateTimeOffset now) => user with
    {
        ExternalId = input.ExternalId,
        UserName = input.UserName,
        Email = email,
        GivenName = input.GivenName,
        FamilyName = input.FamilyName,
        DisplayName = input.DisplayName,
        LastModifiedAt = now,
    };

    private static ImmutableArray<string> ChangedAttributes(FederatedUser before, FederatedUser after)
    {
        var changed = ImmutableArray.CreateBuilder<string>();
        void Check(string name, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                changed.Add(name);
            }
        }

        Check("userName", before.UserName, after.UserName);
        Check("externalId", before.ExternalId, after.ExternalId);
        Check("email", before.Email, after.Email);
        Check("givenName", before.GivenName, after.GivenName);
        Check("familyName", before.FamilyName, after.FamilyName);
        Check("displayName", before.DisplayName, after.DisplayName);
        return changed.ToImmutable();
    }

    private static DirectorySyncUser View(FederatedUser user) => new()
    {
        Id = user.Id,
        DirectoryId = user.DirectoryId,
        ExternalId = user.ExternalId,
        UserName = user.UserName,
        Email = user.Email,
        GivenName = user.GivenName,
        FamilyName = user.FamilyName,
        DisplayName = user.DisplayName,
        Active = user.SuspendedAt is null,
        HasSignedIn = user.IsSubjectBound,
        CreatedAt = user.CreatedAt,
        LastModifiedAt = user.LastModifiedAt ?? user.CreatedAt,
        Version = user.Version,
    };
}
