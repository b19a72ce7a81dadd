using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Moves domains, with the members on them, between two directories of the same owner in one step: all move or none, and a
/// directory deleted or encrypted during the move undoes it.
/// </summary>
internal sealed class DomainMover(IDirectoryStore directories, IDomainLinkStore links, IDirectoryMemberMover? members, DirectoryAccess access, DirectoryEventPublisher events)
{
    public async Task<Result<IReadOnlyList<DomainLink>>> MoveDomainsAsync(DirectoryId source, DirectoryId target, UserId actor, IReadOnlyCollection<string> domains, bool notifyAdmins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var from = await access.FindAuthorizedAsync(source, actor, cancellationToken).ConfigureAwait(false);
        if (from.IsFailure)
        {
            return from.Error;
        }

        var to = await access.FindAuthorizedAsync(target, actor, cancellationToken).ConfigureAwait(false);
        if (to.IsFailure)
        {
            return to.Error;
        }

        var normalized = DirectoryRules.MoveDomains(domains);
        if (normalized.IsFailure)
        {
            return normalized.Error;
        }

        if (DirectoryRules.MoveBlocked(from.Value, to.Value) is { } blocked)
        {
            return blocked;
        }

        var moving = normalized.Value;
        if (members is not null && await members.FindConflictsAsync(source, target, moving, cancellationToken).ConfigureAwait(false) is { Count: > 0 } conflicts)
        {
            return new FederationError(DirectoryErrorCodes.MoveMemberConflict, "Members on these domains have IdP subjects the target directory already holds; nothing was moved.")
                .WithDetail("emails", string.Join(',', conflicts.Order(StringComparer.Ordinal)));
        }

        var moved = await links.MoveAsync(moving, source, target, events.Now, cancellationToken).ConfigureAwait(false);
        if (moved.IsFailure)
        {
            return moved;
        }

        var fromAfter = await directories.FindAsync(source, cancellationToken).ConfigureAwait(false);
        var toAfter = await directories.FindAsync(target, cancellationToken).ConfigureAwait(false);
        if (DirectoryRules.MoveUndone(source, target, fromAfter, toAfter) is { } undone)
        {
            await links.MoveAsync(moving, target, source, events.Now, cancellationToken).ConfigureAwait(false);
            return undone;
        }

        var moves = members is null ? new DirectoryMembersMoved(0, []) : await members.MoveAsync(source, target, moving, cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(
            new DomainsMoved(events.Now, from.Value.Owner, source, target, [.. moving]) { MembersMoved = moves.Moved, MembersLeftBehind = moves.LeftBehind, NotifyAdmins = notifyAdmins },
            actor,
            cancellationToken).ConfigureAwait(false);
        return moved;
    }
}
