using FederationKit.Directories;
using FederationKit.Stores;

namespace FederationKit.SignIn.Settings;

/// <summary>A thread-safe in-memory <see cref="IDirectorySignInSettingsStore"/> for tests and single-instance hosts.</summary>
public sealed class InMemoryDirectorySignInSettingsStore : IDirectorySignInSettingsStore, IDirectorySignInSettingsBulkReader
{
    private readonly InMemoryVersionedTable<DirectoryId, DirectorySignInSettings> _table = new("directory sign-in settings");

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectorySignInSettings>> ListAllAsync(CancellationToken cancellationToken = default) => Task.FromResult(_table.Where(_ => true));

    /// <inheritdoc />
    public Task<DirectorySignInSettings?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Find(directoryId));

    /// <inheritdoc />
    public Task<Result<DirectorySignInSettings>> SaveAsync(DirectorySignInSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Task.FromResult(settings.Version == 0
            ? _table.Insert(settings.DirectoryId, settings)
            : _table.Update(settings.DirectoryId, settings));
    }

    /// <inheritdoc />
    public Task DeleteAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        lock (_table.SyncRoot)
        {
            if (_table.Find(directoryId) is { } current)
            {
                _table.Delete(directoryId, current.Version);
            }
        }

        return Task.CompletedTask;
    }
}
