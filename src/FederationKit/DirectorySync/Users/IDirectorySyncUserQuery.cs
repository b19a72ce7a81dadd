using FederationKit.Directories;
using FederationKit.SignIn.Stores;

namespace FederationKit.DirectorySync.Users;

/// <summary>The reads of directory users SCIM needs besides <see cref="IFederatedUserStore"/>; deleted users are never returned.</summary>
public interface IDirectorySyncUserQuery
{
    /// <summary>The user of the directory with that <c>externalId</c> (ordinal), or null.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="externalId">The external id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<FederatedUser?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default);

    /// <summary>The user of the directory with that <c>userName</c> (case-insensitive), or null.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="userName">The user name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<FederatedUser?> FindByUserNameAsync(DirectoryId directoryId, string userName, CancellationToken cancellationToken = default);

    /// <summary>The users of the directory with that email (canonical form, case-insensitive), ordered by id.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<FederatedUser>> ListByEmailAsync(DirectoryId directoryId, string email, CancellationToken cancellationToken = default);

    /// <summary>A page of the directory's users ordered by id, with the total count.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<(IReadOnlyList<FederatedUser> Users, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the directory's users that match <paramref name="criteria"/>, ordered by id, with how many match in all;
    /// answered by the store (an index or a database scan), never by loading the directory into memory.
    /// </summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="criteria">What the users must match.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<(IReadOnlyList<FederatedUser> Users, int Total)> QueryAsync(
        DirectoryId directoryId, DirectorySyncUserCriteria criteria, int offset, int count, CancellationToken cancellationToken = default);
}
