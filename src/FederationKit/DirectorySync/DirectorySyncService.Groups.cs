using System.Collections.Immutable;
using FederationKit.DirectorySync.Events;
using FederationKit.DirectorySync.Groups;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.Stores;

namespace FederationKit.DirectorySync;

public sealed partial class DirectorySyncService
{
    /// <summary>
    /// Creates a group with its members; each member's memberships are re-planned at once (the group's display name is what
    /// the directory's group mappings, advanced organization mappings and admin groups name).
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="input">The group.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> CreateGroupAsync(DirectorySyncCaller caller, DirectoryGroupInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var members = Members(input.Members);
        var valid = await CheckGroupAsync(caller, input.DisplayName, input.ExternalId, null, members, cancellationToken).ConfigureAwait(false);
        if (valid.IsFailure)
        {
            return valid.Error;
        }

        var now = _time.GetUtcNow();
        var group = new DirectoryGroup
        {
            Id = DirectoryGroupId.New(),
            DirectoryId = caller.DirectoryId,
            DisplayName = input.DisplayName,
            ExternalId = input.ExternalId,
            CreatedAt = now,
            LastModifiedAt = now,
        };
        var added = await WriteAsync(
            ct => _groups.AddAsync(group, members, ct),
            _ => members.IsEmpty
                ? [new DirectoryGroupCreated(now, caller.DirectoryId, policy.Value.Owner, group.Id, group.DisplayName)]
                : [new DirectoryGroupCreated(now, caller.DirectoryId, policy.Value.Owner, group.Id, group.DisplayName),
                    new DirectoryGroupMembersChanged(now, caller.DirectoryId, policy.Value.Owner, group.Id, members, [])],
            caller,
            policy.Value.Owner,
            cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            return added.Error.Code == StoreErrorCodes.Duplicate ? Conflict("displayName", input.DisplayName) : added.Error;
        }

        var recomputed = await RecomputeAllAsync(caller, policy.Value, members, null, cancellationToken).ConfigureAwait(false);
        return recomputed.IsSuccess ? added.Value : recomputed.Error;
    }

    /// <summary>
    /// Replaces a group (SCIM PUT): display name, external id and the whole member list. Added and removed members, and every
    /// member when the display name changed, have their memberships re-planned at once.
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="input">The new group.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> ReplaceGroupAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, DirectoryGroupInput input, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (group.IsFailure)
        {
            return group.Error;
        }

        var (current, _) = await _groups.ListMembersAsync(groupId, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var wanted = Members(input.Members);
        return await ChangeGroupAsync(
            caller, group.Value, input.DisplayName, input.ExternalId, [.. wanted.Except(current)], [.. current.Except(wanted)], allMembers: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames a group or changes its external id (SCIM PATCH of <c>displayName</c>/<c>externalId</c>); members keep their rows.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="displayName">The new display name.</param>
    /// <param name="externalId">The new external id, or null.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> UpdateGroupAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, string displayName, string? externalId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        return group.IsFailure
            ? group.Error
            : await ChangeGroupAsync(caller, group.Value, displayName, externalId, [], [], allMembers: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds members to a group (idempotent: existing members are left as they are); their memberships are re-planned at once.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The users to add (each a user of the directory).</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> AddGroupMembersAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, IReadOnlyCollection<UserId> userIds, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        return group.IsFailure
            ? group.Error
            : await ChangeGroupAsync(caller, group.Value, group.Value.DisplayName, group.Value.ExternalId, Members(userIds), [], allMembers: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes members from a group (idempotent: non-members are ignored); their memberships are re-planned at once, so
    /// what the group granted (mapped groups, organizations, an admin role) is taken back.
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The users to remove.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> RemoveGroupMembersAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, IReadOnlyCollection<UserId> userIds, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        return group.IsFailure
            ? group.Error
            : await ChangeGroupAsync(caller, group.Value, group.Value.DisplayName, group.Value.ExternalId, [], Members(userIds), allMembers: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds and removes members in one change (a SCIM PATCH of members): only the named users have their memberships
    /// re-planned, and the group's other members are neither read nor touched. Idempotent like the two calls it combines.
    /// </summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="add">The users to add (each a user of the directory).</param>
    /// <param name="remove">The users to remove.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectoryGroup>> ChangeGroupMembersAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, IReadOnlyCollection<UserId> add, IReadOnlyCollection<UserId> remove, long? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        return group.IsFailure
            ? group.Error
            : await ChangeGroupAsync(caller, group.Value, group.Value.DisplayName, group.Value.ExternalId, Members(add), Members(remove.Except(add)), allMembers: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a group and its member rows; what it granted is taken back from its former members at once.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="expectedVersion">The version the client read; null skips the check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> DeleteGroupAsync(DirectorySyncCaller caller, DirectoryGroupId groupId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var group = await FindOwnGroupAsync(caller, groupId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (group.IsFailure)
        {
            return group.Error;
        }

        var (members, _) = await _groups.ListMembersAsync(groupId, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);

        // Fail closed: what the group granted is taken back before its row goes, so a failure in between leaves no right behind.
        var takenBack = await RecomputeAllAsync(caller, policy.Value, [.. members], groupId, cancellationToken).ConfigureAwait(false);
        if (takenBack.IsFailure)
        {
            await RecomputeAllAsync(caller, policy.Value, [.. members], null, cancellationToken).ConfigureAwait(false);
            return takenBack;
        }

        var now = _time.GetUtcNow();
        var deleted = await WriteAsync(
            async ct => await _groups.DeleteAsync(groupId, group.Value.Version, ct).ConfigureAwait(false) is { IsFailure: true } failed ? Result<bool>.Failure(failed.Error) : true,
            _ => [new DirectoryGroupDeleted(now, caller.DirectoryId, policy.Value.Owner, groupId, group.Value.DisplayName)],
            caller,
            policy.Value.Owner,
            cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            await RecomputeAllAsync(caller, policy.Value, [.. members], null, cancellationToken).ConfigureAwait(false);
            return deleted.Error.Code == StoreErrorCodes.ConcurrencyConflict
                ? new FederationError(DirectorySyncErrorCodes.VersionMismatch, "The group changed since it was read.")
                : deleted.Error;
        }

        return Result.Success;
    }

    /// <summary>Reads a group of the caller's directory.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<DirectoryGroup>> GetGroupAsync(DirectorySyncCaller caller, DirectoryGroupId groupId, CancellationToken cancellationToken = default) =>
        FindOwnGroupAsync(caller, groupId, null, cancellationToken);

    /// <summary>The group of the caller's directory with that display name (ordinal), or null.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<DirectoryGroup?> FindGroupByDisplayNameAsync(DirectorySyncCaller caller, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _groups.FindByDisplayNameAsync(caller.DirectoryId, displayName, cancellationToken);
    }

    /// <summary>The group of the caller's directory with that external id (ordinal), or null.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="externalId">The external id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<DirectoryGroup?> FindGroupByExternalIdAsync(DirectorySyncCaller caller, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _groups.FindByExternalIdAsync(caller.DirectoryId, externalId, cancellationToken);
    }

    /// <summary>A page of the caller's directory's groups ordered by id, with the total count.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncPage<DirectoryGroup>> ListGroupsAsync(DirectorySyncCaller caller, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (o, c) = Page(offset, count);
        var (groups, total) = await _groups.ListAsync(caller.DirectoryId, o, c, cancellationToken).ConfigureAwait(false);
        return new DirectorySyncPage<DirectoryGroup>([.. groups], total, o);
    }

    /// <summary>A page of the caller's directory's groups that match <paramref name="criteria"/>, ordered by id, with how many match in all.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="criteria">What the groups must match.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DirectorySyncPage<DirectoryGroup>> QueryGroupsAsync(
        DirectorySyncCaller caller, DirectoryGroupCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(criteria);
        var (o, c) = Page(offset, count);
        var (groups, total) = await _groups.QueryAsync(caller.DirectoryId, criteria, o, c, cancellationToken).ConfigureAwait(false);
        return new DirectorySyncPage<DirectoryGroup>([.. groups], total, o);
    }

    /// <summary>A page of a group's member users ordered by id, with the total count.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncPage<UserId>>> ListGroupMembersAsync(
        DirectorySyncCaller caller, DirectoryGroupId groupId, int offset, int count, CancellationToken cancellationToken = default)
    {
        var group = await FindOwnGroupAsync(caller, groupId, null, cancellationToken).ConfigureAwait(false);
        if (group.IsFailure)
        {
            return group.Error;
        }

        var (o, c) = Page(offset, count);
        var (members, total) = await _groups.ListMembersAsync(groupId, o, c, cancellationToken).ConfigureAwait(false);
        return new DirectorySyncPage<UserId>([.. members], total, o);
    }

    /// <summary>The groups a user of the caller's directory is a member of, ordered by id.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ImmutableArray<DirectoryGroup>>> ListUserGroupsAsync(DirectorySyncCaller caller, UserId userId, CancellationToken cancellationToken = default)
    {
        var user = await FindOwnUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
        if (user.IsFailure)
        {
            return user.Error;
        }

        return (await _groups.ListByMemberAsync(userId, cancellationToken).ConfigureAwait(false)).ToImmutableArray();
    }

    /// <summary>The groups of the caller's directory each of several users is a member of, ordered by id, at most <see cref="DirectorySyncOptions.MaxPageSize"/> each, in one store query.</summary>
    /// <param name="caller">The authenticated SCIM client.</param>
    /// <param name="userIds">The users (a page of a listing).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>> ListGroupsOfUsersAsync(
        DirectorySyncCaller caller, IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(userIds);
        var groups = await _groups.ListByMembersAsync(userIds, _options.MaxPageSize, cancellationToken).ConfigureAwait(false);
        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<DirectoryGroup>)[.. g.Value.Where(x => x.DirectoryId == caller.DirectoryId)]);
    }

    private async Task<Result<DirectoryGroup>> ChangeGroupAsync(
        DirectorySyncCaller caller, DirectoryGroup group, string displayName, string? externalId, ImmutableArray<UserId> add, ImmutableArray<UserId> remove, bool allMembers,
        CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(caller, cancellationToken).ConfigureAwait(false);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var valid = await CheckGroupAsync(caller, displayName, externalId, group.Id, add, cancellationToken).ConfigureAwait(false);
        if (valid.IsFailure)
        {
            return valid.Error;
        }

        var renamed = !string.Equals(displayName, group.DisplayName, StringComparison.Ordinal);
        if (remove.Length > _options.MaxAffectedUsers)
        {
            return Invalid("members", $"At most {_options.MaxAffectedUsers} members can be removed at once.");
        }

        // Fail closed: the users leaving have what the group granted taken back before their rows go (and, on failure, recomputed below).
        var takenBack = await RecomputeAllAsync(caller, policy.Value, remove, group.Id, cancellationToken).ConfigureAwait(false);
        if (takenBack.IsFailure)
        {
            return takenBack.Error;
        }

        var now = _time.GetUtcNow();
        var metadataChanged = renamed || !string.Equals(externalId, group.ExternalId, StringComparison.Ordinal);
        var updated = await WriteAsync(
            ct => _groups.UpdateAsync(group with { DisplayName = displayName, ExternalId = externalId, LastModifiedAt = now }, add, remove, ct),
            written =>
            {
                var raised = new List<FederationEvent>(2);
                if (metadataChanged)
                {
                    raised.Add(new DirectoryGroupUpdated(now, caller.DirectoryId, policy.Value.Owner, group.Id, group.DisplayName, displayName));
                }

                if (!written.Added.IsEmpty || !written.Removed.IsEmpty)
                {
                    raised.Add(new DirectoryGroupMembersChanged(now, caller.DirectoryId, policy.Value.Owner, group.Id, written.Added, written.Removed));
                }

                return raised;
            },
            caller,
            policy.Value.Owner,
            cancellationToken).ConfigureAwait(false);
        if (updated.IsFailure)
        {
            await RecomputeAllAsync(caller, policy.Value, remove, null, cancellationToken).ConfigureAwait(false);
            return updated.Error.Code switch
            {
                StoreErrorCodes.ConcurrencyConflict => new FederationError(DirectorySyncErrorCodes.VersionMismatch, "The group changed since it was read."),
                StoreErrorCodes.Duplicate => Conflict("displayName", displayName),
                _ => updated.Error,
            };
        }

        var result = updated.Value;
        // Every user the request names is recomputed, not only those whose row changed: a client retrying after a failure
        // between the row write and the recompute converges (the write is idempotent, the recompute runs again).
        ImmutableArray<UserId> affected = allMembers || renamed
            ? [.. (await _groups.ListMembersAsync(group.Id, 0, int.MaxValue, cancellationToken).ConfigureAwait(false)).Members.Concat(remove).Distinct()]
            : [.. add.Concat(remove).Distinct()];
        var recomputed = await RecomputeAllAsync(caller, policy.Value, affected, null, cancellationToken).ConfigureAwait(false);
        return recomputed.IsSuccess ? result.Group : recomputed.Error;
    }

    private async Task<Result> RecomputeAllAsync(
        DirectorySyncCaller caller, ProvisioningPolicy policy, ImmutableArray<UserId> users, DirectoryGroupId? without, CancellationToken cancellationToken)
    {
        foreach (var userId in users)
        {
            var done = await RecomputeAsync(caller, policy, userId, without, cancellationToken).ConfigureAwait(false);
            if (done.IsFailure)
            {
                return done;
            }
        }

        return Result.Success;
    }

    private async Task<Result<DirectoryGroup>> FindOwnGroupAsync(DirectorySyncCaller caller, DirectoryGroupId groupId, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var group = await _groups.FindAsync(groupId, cancellationToken).ConfigureAwait(false);
        if (group is null || group.DirectoryId != caller.DirectoryId)
        {
            return new FederationError(DirectorySyncErrorCodes.GroupNotFound, $"No group '{groupId}' exists in this directory.").WithDetail("group", groupId.ToString());
        }

        return expectedVersion is { } expected && expected != group.Version ? VersionMismatch(expected, group.Version) : group;
    }

    private async Task<Result> CheckGroupAsync(
        DirectorySyncCaller caller, string displayName, string? externalId, DirectoryGroupId? self, ImmutableArray<UserId> added, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > MaxAttributeLength)
        {
            return Invalid("displayName", $"displayName is required and at most {MaxAttributeLength} characters.");
        }

        if (externalId is not null && (externalId.Length == 0 || externalId.Length > MaxAttributeLength))
        {
            return Invalid("externalId", $"externalId, when present, is 1 to {MaxAttributeLength} characters.");
        }

        if (added.Length > _options.MaxAffectedUsers)
        {
            return Invalid("members", $"At most {_options.MaxAffectedUsers} members can be added at once.");
        }

        if (await _groups.FindByDisplayNameAsync(caller.DirectoryId, displayName, cancellationToken).ConfigureAwait(false) is { } byName && byName.Id != self)
        {
            return Conflict("displayName", displayName);
        }

        if (externalId is not null
            && await _groups.FindByExternalIdAsync(caller.DirectoryId, externalId, cancellationToken).ConfigureAwait(false) is { } byExternal && byExternal.Id != self)
        {
            return Conflict("externalId", externalId);
        }

        foreach (var userId in added)
        {
            var user = await _users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
            if (user is null || user.DeletedAt is not null || user.DirectoryId != caller.DirectoryId)
            {
                return new FederationError(DirectorySyncErrorCodes.MemberNotFound, $"The user '{userId}' is not a user of this directory.").WithDetail("user", userId.ToString());
            }
        }

        return Result.Success;
    }

    private static ImmutableArray<UserId> Members(IEnumerable<UserId> users) => [.. users.Distinct()];
}
