using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Holds a directory for a write that adds something under it (a domain link, domain links moved in, a trust request): inside
/// the write it reads the directory, refuses when it is gone or being deleted, and rewrites its row with the version read.
/// In a database transaction that update locks the row until the write commits, so it serializes with a deletion's marking
/// (itself an update of the row): either the deletion marked first and the write is refused, or the write commits first and
/// the deletion, whose marking then conflicts, sees what was added when it tries again. Without the lock both could pass,
/// because the added row is invisible to the deletion until the write commits. Stores without transactions write the row
/// first and check after, which orders them the same way.
/// </summary>
internal static class DirectoryHold
{
    /// <summary>The held directory, <see cref="DirectoryErrors.BeingDeleted"/> when it is gone or being deleted, or a concurrency conflict.</summary>
    public static async Task<Result<IdentityDirectory>> HoldAsync(IDirectoryStore directories, DirectoryId id, CancellationToken cancellationToken)
    {
        var directory = await directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (directory is not { IsBeingDeleted: false })
        {
            return DirectoryErrors.BeingDeleted(id);
        }

        return await TouchAsync(directories, directory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites <paramref name="directory"/> as read (a new version, nothing else changed): a concurrency conflict when it changed since.</summary>
    public static Task<Result<IdentityDirectory>> TouchAsync(IDirectoryStore directories, IdentityDirectory directory, CancellationToken cancellationToken) =>
        directories.UpdateAsync(directory, cancellationToken);
}
