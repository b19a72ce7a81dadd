using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Links a domain the owner has verified to one of its directories (only the owner of the most specific verified claim may),
/// and unlinks it.
/// </summary>
internal sealed class DomainLinker(
    IDirectoryStore directories,
    IDomainLinkStore links,
    IVerifiedDomainQuery verifiedDomains,
    IDomainOwnerQuery? domainOwners,
    DirectoryAccess access,
    DirectoryWrites events)
{
    // The one bound of retrying a link whose directory changed during the write.
    private const int MaxHoldAttempts = 5;

    public async Task<Result<DomainLink>> LinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken)
    {
        var found = await access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var normalized = DomainNameText.Normalize(domain);
        if (normalized is null)
        {
            return DirectoryErrors.DomainInvalid("The domain is not a valid domain name.");
        }

        var directory = found.Value;
        if (directory.IsBeingDeleted)
        {
            return DirectoryErrors.BeingDeleted(id);
        }

        // Only the owner of the most specific verified claim may link a domain: a verified parent does not give its owner a
        // subdomain that another owner verified (or whose nearer parent another owner verified).
        var holder = domainOwners is null ? null : await domainOwners.FindOwnerAsync(normalized, cancellationToken).ConfigureAwait(false);
        var covered = await verifiedDomains.IsCoveredAsync(directory.Owner, normalized, cancellationToken).ConfigureAwait(false);
        if (holder is { } other && other != directory.Owner && (covered || await CoversAParentAsync(directory.Owner, normalized, cancellationToken).ConfigureAwait(false)))
        {
            return new FederationError(DirectoryErrorCodes.DomainOwnedByOther, $"Another owner has verified '{normalized}' or a nearer parent of it; only that owner can link it.")
                .WithDetail("domain", normalized);
        }

        if (!covered)
        {
            return new FederationError(DirectoryErrorCodes.DomainNotVerified, $"The owner has not verified '{normalized}'; only verified domains can be linked.")
                .WithDetail("domain", normalized);
        }

        var added = await AddLinkAsync(directory, normalized, actor, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure && added.Error.Code == StoreErrorCodes.Duplicate && holder == directory.Owner
            && await RemoveOutrankedLinkAsync(normalized, directory.Owner, actor, cancellationToken).ConfigureAwait(false))
        {
            added = await AddLinkAsync(directory, normalized, actor, cancellationToken).ConfigureAwait(false);
        }

        if (added.IsFailure && added.Error.Code == StoreErrorCodes.Duplicate)
        {
            var existing = await links.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
            var error = new FederationError(DirectoryErrorCodes.DomainAlreadyLinked, $"'{normalized}' is already linked to a directory; move it instead.")
                .WithDetail("domain", normalized);
            return existing is not null && existing.Owner == directory.Owner ? error.WithDetail("directoryId", existing.DirectoryId.ToString()) : error;
        }

        return added;
    }

    // One write with its event: the link, kept only while the directory is held (not being deleted; see DirectoryHold). A
    // directory changed meanwhile (renamed, or held by another write) is a conflict: the write is tried again.
    private Task<Result<DomainLink>> AddLinkAsync(IdentityDirectory directory, string domain, UserId actor, CancellationToken cancellationToken) =>
        BoundedRetry.RunAsync(
            MaxHoldAttempts,
            _ => events.WriteAsync(
                async ct =>
                {
                    var added = await links.AddAsync(new DomainLink { Domain = domain, Owner = directory.Owner, DirectoryId = directory.Id, LinkedAt = events.Now }, ct).ConfigureAwait(false);
                    if (added.IsFailure)
                    {
                        return added;
                    }

                    // The directory may have been deleted between the check and the link: then take the link back (a transaction
                    // rolls it back anyway; stores without one need the delete).
                    if (await DirectoryHold.HoldAsync(directories, directory.Id, ct).ConfigureAwait(false) is { IsFailure: true } lost)
                    {
                        await links.DeleteAsync(domain, added.Value.Version, ct).ConfigureAwait(false);
                        return lost.Error;
                    }

                    return added;
                },
                _ => new DomainLinkChanged(DirectoryEventTypes.DomainLinked, events.Now, directory.Owner, directory.Id, domain),
                actor,
                cancellationToken),
            BoundedRetry.IsConflict);

    public async Task<Result> UnlinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken)
    {
        if (await access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused.Error;
        }

        var normalized = DomainNameText.Normalize(domain);
        if (normalized is null)
        {
            return DirectoryErrors.DomainInvalid("The domain is not a valid domain name.");
        }

        var link = await links.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (link is null || link.DirectoryId != id)
        {
            return new FederationError(DirectoryErrorCodes.DomainNotLinked, $"'{normalized}' is not linked to this directory.").WithDetail("domain", normalized);
        }

        return await events.WriteAsync(
            ct => links.DeleteAsync(normalized, link.Version, ct),
            new DomainLinkChanged(DirectoryEventTypes.DomainUnlinked, events.Now, link.Owner, id, normalized),
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    // A link of another owner on a domain whose most specific verified claim is now the caller's (the other owner's claim
    // lapsed or was removed) is stale: it is removed, with the same event as when a verification moves ownership.
    private async Task<bool> RemoveOutrankedLinkAsync(string domain, OwnerRef newOwner, UserId actor, CancellationToken cancellationToken)
    {
        var stale = await links.FindAsync(domain, cancellationToken).ConfigureAwait(false);
        if (stale is null || stale.Owner == newOwner)
        {
            return false;
        }

        var deleted = await events.WriteAsync(
            ct => links.DeleteAsync(domain, stale.Version, ct),
            new DomainLinkRemovedOwnershipChanged(events.Now, stale.Owner, stale.DirectoryId, domain, newOwner, null),
            actor,
            cancellationToken).ConfigureAwait(false);
        return deleted.IsSuccess;
    }

    // Whether the owner holds the most specific verified claim on some parent of the domain (it would cover the domain but for a
    // nearer claim of another owner).
    private async Task<bool> CoversAParentAsync(OwnerRef owner, string domain, CancellationToken cancellationToken)
    {
        foreach (var parent in Domains.DomainSuffixes.ParentsOf(domain))
        {
            if (await verifiedDomains.IsCoveredAsync(owner, parent, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
