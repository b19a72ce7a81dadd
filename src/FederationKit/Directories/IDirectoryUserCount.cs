namespace FederationKit.Directories;

/// <summary>
/// Counts a directory's and a profile's users with queries (deleted users are not counted), so the rules that protect users
/// (a directory or a profile with users cannot be deleted, a used profile's user-id setting is fixed) lift once the users have
/// left. AddFederationKit registers one over the user store.
/// </summary>
public interface IDirectoryUserCount
{
    /// <summary>Counts the directory's users that are not deleted.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountUsersAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Counts the users that are not deleted whose last sign-in was through the profile.</summary>
    /// <param name="profileId">The IdP profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountProfileUsersAsync(IdpProfileId profileId, CancellationToken cancellationToken = default);
}
