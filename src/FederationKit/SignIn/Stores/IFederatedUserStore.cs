using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>Stores federated users; (directory, subject) is unique, with optimistic concurrency.</summary>
public interface IFederatedUserStore
{
    /// <summary>Finds the user linked to an identity.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="subject">The IdP user id (ordinal).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<FederatedUser?> FindByIdentityAsync(DirectoryId directoryId, string subject, CancellationToken cancellationToken = default);

    /// <summary>Finds a user by id.</summary>
    /// <param name="id">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<FederatedUser?> FindAsync(UserId id, CancellationToken cancellationToken = default);

    /// <summary>Adds a user (version 1); <see cref="StoreErrorCodes.Duplicate"/> when the id or the identity exists.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<FederatedUser>> AddAsync(FederatedUser user, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed user when its version is current, else <see cref="StoreErrorCodes.ConcurrencyConflict"/>. The identity cannot change.</summary>
    /// <param name="user">The changed user with the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<FederatedUser>> UpdateAsync(FederatedUser user, CancellationToken cancellationToken = default);

    /// <summary>Counts the users of a directory (the directory refuses to change its user-id claim once this is not zero).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the users that are not deleted whose last sign-in was through <paramref name="profileId"/>
    /// (<see cref="FederatedUser.ProfileId"/>): a profile with such users cannot be deleted and keeps its user-id setting.
    /// </summary>
    /// <param name="profileId">The IdP profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountByProfileAsync(IdpProfileId profileId, CancellationToken cancellationToken = default);

    /// <summary>Counts the users whose latest email is on <paramref name="domain"/> or one of its subdomains (whole labels).</summary>
    /// <param name="domain">A normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>Lists the users of a directory whose latest email is on <paramref name="domain"/> or one of its subdomains (whole labels).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="domain">A normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<FederatedUser>> ListByEmailDomainAsync(DirectoryId directoryId, string domain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a user to another directory (its identity becomes (<paramref name="target"/>, subject)) when its version is current:
    /// <see cref="StoreErrorCodes.ConcurrencyConflict"/> on a stale version, <see cref="StoreErrorCodes.Duplicate"/> when the
    /// target already has a user with that subject.
    /// </summary>
    /// <param name="user">The user with the version it was read with.</param>
    /// <param name="target">The directory it moves to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<FederatedUser>> MoveToDirectoryAsync(FederatedUser user, DirectoryId target, CancellationToken cancellationToken = default);
}
