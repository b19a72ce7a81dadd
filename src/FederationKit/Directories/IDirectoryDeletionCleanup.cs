namespace FederationKit.Directories;

/// <summary>
/// Removes data other packages keep per directory once the directory is deleted (the sign-in package's settings, for
/// example), so nothing is left behind. Every registered cleanup runs; they must be idempotent.
/// </summary>
public interface IDirectoryDeletionCleanup
{
    /// <summary>Removes what belongs to the deleted directory.</summary>
    /// <param name="directoryId">The deleted directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task CleanUpAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
