using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Groups;

/// <summary>
/// Stores directory groups and their member rows, with optimistic concurrency on the group: every member change bumps the
/// group's version. (directory, display name) is unique, and (directory, external id) when present.
/// </summary>
public interface IDirectoryGroupStore
{
    /// <summary>Finds a group by id.</summary>
    /// <param name="id">The group.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DirectoryGroup?> FindAsync(DirectoryGroupId id, CancellationToken cancellationToken = default);

    /// <summary>Finds a group of the directory by display name (ordinal).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DirectoryGroup?> FindByDisplayNameAsync(DirectoryId directoryId, string displayName, CancellationToken cancellationToken = default);

    /// <summary>Finds a group of the directory by external id (ordinal).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="externalId">The external id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DirectoryGroup?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default);

    /// <summary>A page of the directory's groups ordered by id, with the total count.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>A page of the directory's groups that match <paramref name="criteria"/>, ordered by id, with how many match in all.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="criteria">What the groups must match.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> QueryAsync(
        DirectoryId directoryId, DirectoryGroupCriteria criteria, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>A page of a group's member users ordered by id, with the total count.</summary>
    /// <param name="id">The group.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<(IReadOnlyList<UserId> Members, int Total)> ListMembersAsync(DirectoryGroupId id, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>The groups a user is a member of, ordered by id.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DirectoryGroup>> ListByMemberAsync(UserId userId, CancellationToken cancellationToken = default);

    /// <summary>The groups each of several users is a member of, ordered by id, at most <paramref name="maxPerUser"/> each, in one query; a user in no group is absent.</summary>
    /// <param name="userIds">The users (a page of a listing).</param>
    /// <param name="maxPerUser">At most this many groups per user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>> ListByMembersAsync(
        IReadOnlyCollection<UserId> userIds, int maxPerUser, CancellationToken cancellationToken = default);

    /// <summary>Adds a group (version 1) with its members; <see cref="StoreErrorCodes.Duplicate"/> when the id, display name or external id is taken.</summary>
    /// <param name="group">The group.</param>
    /// <param name="members">Its members.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DirectoryGroup>> AddAsync(DirectoryGroup group, IReadOnlyCollection<UserId> members, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a changed group (name, external id) when its version is current, adding and removing member rows in the same
    /// write (idempotent: adding a member or removing a non-member changes nothing); <see cref="StoreErrorCodes.ConcurrencyConflict"/>
    /// on a stale version, <see cref="StoreErrorCodes.Duplicate"/> when the new display name or external id is taken.
    /// </summary>
    /// <param name="group">The changed group with the version it was read with.</param>
    /// <param name="addMembers">Users to add.</param>
    /// <param name="removeMembers">Users to remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DirectoryGroupMemberChange>> UpdateAsync(
        DirectoryGroup group, IReadOnlyCollection<UserId> addMembers, IReadOnlyCollection<UserId> removeMembers, CancellationToken cancellationToken = default);

    /// <summary>Deletes a group and its member rows when its version is current.</summary>
    /// <param name="id">The group.</param>
    /// <param name="expectedVersion">The version read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(DirectoryGroupId id, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes a user from every group (on the user's deletion); returns the groups it left.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DirectoryGroupId>> RemoveMemberEverywhereAsync(UserId userId, CancellationToken cancellationToken = default);
}
