using FederationKit.DirectoryTrust;

namespace FederationKit.Directories.Service;

/// <summary>
/// The decisions of the directory operations, as pure functions of what was read: a name's shape, whether a directory may be
/// deleted, and whether domains may move between two directories. Each returns the refusal, or null when the step may go on.
/// </summary>
internal static class DirectoryRules
{
    /// <summary>The longest directory name.</summary>
    public const int MaximumNameLength = 100;

    public static FederationError? InvalidName(string trimmed) =>
        trimmed.Length is 0 or > MaximumNameLength
            ? new FederationError(DirectoryErrorCodes.NameInvalid, $"A directory name has 1 to {MaximumNameLength} characters.")
            : null;

    /// <summary>Before the directory is marked as being deleted: not the default one, and no user left (counted by a query).</summary>
    public static FederationError? DeletionBlockedBefore(IdentityDirectory directory, int users)
    {
        if (directory.IsDefault)
        {
            return new FederationError(DirectoryErrorCodes.DefaultDirectory, "The default Business directory cannot be deleted.");
        }

        return users > 0
            ? new FederationError(DirectoryErrorCodes.HasUsers, $"The directory has {users} users; remove them first.")
                .WithDetail("users", users.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Once marked (no link or trust can be added meanwhile): no linked domain and no open trust request.</summary>
    public static FederationError? DeletionBlockedAfter(IReadOnlyList<DomainLink> links, IEnumerable<TrustRequest> trustRequests)
    {
        if (links.Count > 0)
        {
            return new FederationError(DirectoryErrorCodes.HasDomains, "The directory has linked domains; unlink or move them first.")
                .WithDetail("domains", string.Join(',', links.Select(l => l.Domain).Order(StringComparer.Ordinal)));
        }

        return trustRequests.Any(r => r.IsOpen)
            ? new FederationError(DirectoryErrorCodes.HasTrustees, "The directory has pending or accepted trustees; reject or revoke them first.")
            : null;
    }

    /// <summary>The distinct normalized domains of a move, or its refusal.</summary>
    public static Result<IReadOnlyList<string>> MoveDomains(IReadOnlyCollection<string> domains)
    {
        if (domains.Count == 0)
        {
            return new FederationError(DirectoryErrorCodes.MoveEmpty, "Name at least one domain to move.");
        }

        var normalized = new List<string>(domains.Count);
        foreach (var domain in domains)
        {
            if (DomainNameText.Normalize(domain) is not { } n)
            {
                return DirectoryErrors.DomainInvalid("A domain of the move is not a valid domain name.");
            }

            if (!normalized.Contains(n))
            {
                normalized.Add(n);
            }
        }

        return normalized;
    }

    /// <summary>Whether domains may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static FederationError? MoveBlocked(IdentityDirectory from, IdentityDirectory to)
    {
        if (from.Id == to.Id)
        {
            return new FederationError(DirectoryErrorCodes.MoveSameDirectory, "Source and target are the same directory.");
        }

        if (from.Owner != to.Owner)
        {
            return new FederationError(DirectoryErrorCodes.MoveDifferentOwner, "Domains move only between directories of the same owner.");
        }

        if (to.IsBeingDeleted)
        {
            return DirectoryErrors.BeingDeleted(to.Id);
        }

        return from.IsEncrypted || to.IsEncrypted
            ? new FederationError(DirectoryErrorCodes.MoveEncrypted, "Domains cannot be moved into or out of an encrypted directory.")
                .WithDetail("directoryId", (from.IsEncrypted ? from.Id : to.Id).ToString())
            : null;
    }

    /// <summary>
    /// After the links moved, read again: a directory deleted or encrypted meanwhile undoes the move with this refusal.
    /// </summary>
    public static FederationError? MoveUndone(DirectoryId source, DirectoryId target, IdentityDirectory? fromAfter, IdentityDirectory? toAfter)
    {
        if (fromAfter is not null && toAfter is not null && !toAfter.IsBeingDeleted && !fromAfter.IsEncrypted && !toAfter.IsEncrypted)
        {
            return null;
        }

        return toAfter is null || toAfter.IsBeingDeleted ? DirectoryErrors.BeingDeleted(target)
            : fromAfter is null ? DirectoryErrors.NotFound(source)
            : new FederationError(DirectoryErrorCodes.MoveEncrypted, "A directory of the move was marked encrypted meanwhile; nothing was moved.");
    }
}
