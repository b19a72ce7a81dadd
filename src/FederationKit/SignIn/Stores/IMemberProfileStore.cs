using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>
/// Stores member profiles; (organization, user) is unique and (organization, username) is unique case-insensitively,
/// so adding a profile reserves its username atomically.
/// </summary>
public interface IMemberProfileStore
{
    /// <summary>The kind reported in <see cref="StoreErrorCodes.Duplicate"/> errors (detail <c>kind</c>) when a username is taken.</summary>
    const string UsernameKind = "username";

    /// <summary>Finds the profile of a user in an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<MemberProfile?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default);

    /// <summary>Finds a profile by username (case-insensitive) in an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="username">The username.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<MemberProfile?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's profiles in every organization.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<MemberProfile>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default);

    /// <summary>Lists the profiles in an organization of the users who came from a directory (for example through directory trust).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="directoryId">The directory the users came from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<MemberProfile>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a profile (and frees its username) when its version is <paramref name="expectedVersion"/>:
    /// <see cref="StoreErrorCodes.NotFound"/> when there is none, <see cref="StoreErrorCodes.ConcurrencyConflict"/> when it changed.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="userId">The user.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(OrganizationId organizationId, UserId userId, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a profile (version 1). <see cref="StoreErrorCodes.Duplicate"/> with detail <c>kind</c> = <see cref="UsernameKind"/>
    /// when the username is taken in the organization, or another kind when the user already has a profile there.
    /// </summary>
    /// <param name="profile">The profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<MemberProfile>> AddAsync(MemberProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed profile when its version is current; the username is kept unique.</summary>
    /// <param name="profile">The changed profile with the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<MemberProfile>> UpdateAsync(MemberProfile profile, CancellationToken cancellationToken = default);
}
