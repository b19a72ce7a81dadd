using FederationKit.Directories;

namespace FederationKit.Stores;

/// <summary>
/// Stores IdP profiles with optimistic concurrency. Rules every implementation enforces atomically: a directory has at most
/// one active profile (<see cref="DirectoryErrorCodes.ProfileSecondActive"/>), and an owner has at most one active OIDC
/// profile (<see cref="DirectoryErrorCodes.OidcProfileActiveElsewhere"/>).
/// </summary>
public interface IIdpProfileStore
{
    /// <summary>Finds a profile.</summary>
    /// <param name="id">The profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IdpProfile?> FindAsync(IdpProfileId id, CancellationToken cancellationToken = default);

    /// <summary>Lists a directory's profiles.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<IdpProfile>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Adds a profile with version 1 (refused when it is active and would break a rule).</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IdpProfile>> AddAsync(IdpProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed profile when its version is the stored one (refused when it would break a rule).</summary>
    /// <param name="profile">The changed profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IdpProfile>> UpdateAsync(IdpProfile profile, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one atomic step: makes the profile active (when its version is the stored one) and the directory's previously active
    /// profile inactive. Refused with <see cref="DirectoryErrorCodes.OidcProfileActiveElsewhere"/> when the profile is OIDC and
    /// another directory of the owner has an active OIDC profile.
    /// </summary>
    /// <param name="id">The profile to activate.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IdpProfile>> ActivateAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a profile when its version is the stored one.</summary>
    /// <param name="id">The profile.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default);
}
