using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// The first step of every directory operation: an unknown directory is not found for everyone; a known one is refused with
/// <see cref="DirectoryErrorCodes.NotAuthorized"/>, before anything else is read, unless the actor administers its owner.
/// </summary>
internal sealed class DirectoryAccess(IDirectoryStore directories, OwnerAdministrators administrators)
{
    public Task<FederationError?> RefuseAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken) =>
        administrators.RefuseUnlessAdministratorAsync(actor, owner, DirectoryErrorCodes.NotAuthorized, cancellationToken);

    public async Task<Result<IdentityDirectory>> FindAuthorizedAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var directory = await directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryErrors.NotFound(id);
        }

        return await RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused ? refused : directory;
    }
}
