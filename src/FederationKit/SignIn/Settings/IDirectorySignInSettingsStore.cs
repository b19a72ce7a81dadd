using FederationKit.Directories;

namespace FederationKit.SignIn.Settings;

/// <summary>Stores the sign-in settings of directories, one record per directory, with optimistic concurrency.</summary>
public interface IDirectorySignInSettingsStore
{
    /// <summary>The stored settings of a directory, or null when none were saved.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DirectorySignInSettings?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves settings: inserts them (version 1) when <see cref="DirectorySignInSettings.Version"/> is 0, otherwise replaces
    /// them when the stored version still equals it. <see cref="StoreErrorCodes.Duplicate"/> when an insert finds a record,
    /// <see cref="StoreErrorCodes.ConcurrencyConflict"/> or <see cref="StoreErrorCodes.NotFound"/> when an update finds another version or none.
    /// </summary>
    /// <param name="settings">The settings, carrying the version they were read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DirectorySignInSettings>> SaveAsync(DirectorySignInSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Deletes the directory's settings, if any (the directory was deleted); idempotent.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task DeleteAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
