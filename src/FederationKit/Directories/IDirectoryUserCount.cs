namespace FederationKit.Directories;

/// <summary>
/// Counts a directory's users with a query (deleted users are not counted), so the rules that protect users (a directory or
/// a used profile with users cannot be deleted, a used profile's user-id setting is fixed) lift once the users have left.
/// </summary>
public interface IDirectoryUserCount
{
    /// <summary>Counts the directory's users that are not deleted.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> CountUsersAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
