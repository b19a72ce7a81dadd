using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Deletes a directory that has no users (counted by a query), no linked domains and no open trust requests, with its IdP
/// profiles, their secrets and other packages' data. The directory is marked as being deleted before the link and trust
/// checks, so nothing is linked or moved into it meanwhile; a refused deletion clears the mark.
/// </summary>
internal sealed class DirectoryDeleter(
    IDirectoryStore directories,
    IIdpProfileStore profiles,
    IDomainLinkStore links,
    IDirectoryTrustStore trust,
    ISecretStore secrets,
    IDirectoryUserCount userCount,
    IReadOnlyList<IDirectoryDeletionCleanup> cleanups,
    DirectoryAccess access,
    DirectoryWrites events)
{
    // The one bound of clearing the mark of a refused deletion.
    private const int MaxAttempts = 10;

    public async Task<Result> DeleteDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var found = await access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var directory = found.Value;
        var users = directory.IsDefault ? 0 : await userCount.CountUsersAsync(id, cancellationToken).ConfigureAwait(false);
        if (DirectoryRules.DeletionBlockedBefore(directory, users) is { } blocked)
        {
            return blocked;
        }

        if (!directory.IsBeingDeleted)
        {
            var marked = await directories.UpdateAsync(directory with { IsBeingDeleted = true }, cancellationToken).ConfigureAwait(false);
            if (marked.IsFailure)
            {
                return marked.Error;
            }

            directory = marked.Value;
        }

        Result<IReadOnlyList<IdpProfile>> deleted;
        try
        {
            deleted = await DeleteIfUnusedAsync(directory, actor, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failure that throws (the database went away) should not leave the directory refusing new links. Best effort: when
            // the unmarking fails too, the original failure is the one reported, and deleting again finishes the job.
            try
            {
                await UnmarkDeletionAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception unmarking) when (unmarking is not OutOfMemoryException)
            {
            }

            throw;
        }

        if (deleted.IsFailure)
        {
            await UnmarkDeletionAsync(id, cancellationToken).ConfigureAwait(false);
            return deleted.Error;
        }

        // Secrets may live outside the database (a vault): removed only once the deletion is kept.
        foreach (var profile in deleted.Value)
        {
            if (profile.Oidc?.ClientSecretReference is { } secret)
            {
                await secrets.DeleteAsync(secret, cancellationToken).ConfigureAwait(false);
            }

            if (profile.Oidc?.PrivateKeyReference is { } key)
            {
                await secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }

        return Result.Success;
    }

    // The marked directory, unless links or trust requests came in meanwhile: it, its profiles and other packages' data, with the
    // deletion's event, as one write. Returns the deleted profiles (their secrets go after the write is kept).
    private async Task<Result<IReadOnlyList<IdpProfile>>> DeleteIfUnusedAsync(IdentityDirectory deleting, UserId actor, CancellationToken cancellationToken)
    {
        var id = deleting.Id;
        var linked = await links.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false);
        var requests = linked.Count > 0 ? [] : await trust.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false);
        if (DirectoryRules.DeletionBlockedAfter(linked, requests) is { } refused)
        {
            return refused;
        }

        return await events.WriteAsync(
            async ct =>
            {
                var deleted = await directories.DeleteAsync(id, deleting.Version, ct).ConfigureAwait(false);
                if (deleted.IsFailure)
                {
                    return Result<IReadOnlyList<IdpProfile>>.Failure(deleted.Error);
                }

                var removed = await profiles.ListByDirectoryAsync(id, ct).ConfigureAwait(false);
                foreach (var profile in removed)
                {
                    await profiles.DeleteAsync(profile.Id, profile.Version, ct).ConfigureAwait(false);
                }

                foreach (var cleanup in cleanups)
                {
                    await cleanup.CleanUpAsync(id, ct).ConfigureAwait(false);
                }

                return Result<IReadOnlyList<IdpProfile>>.Success(removed);
            },
            _ => events.Directory(DirectoryEventTypes.DirectoryDeleted, deleting),
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    private Task<Result<bool>> UnmarkDeletionAsync(DirectoryId id, CancellationToken cancellationToken) =>
        BoundedRetry.RunAsync<bool>(
            MaxAttempts,
            async _ =>
            {
                var current = await directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (current is null || !current.IsBeingDeleted)
                {
                    return true;
                }

                var updated = await directories.UpdateAsync(current with { IsBeingDeleted = false }, cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? true : updated.Error;
            },
            _ => true);
}
