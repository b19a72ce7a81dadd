using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Moves domains, with the members on them, between two directories of the same owner in one step: all move or none, and a
/// directory deleted or encrypted during the move undoes it.
/// </summary>
internal sealed class DomainMover(IDirectoryStore directories, IDomainLinkStore links, IDirectoryMemberMover? members, DirectoryAccess access, DirectoryWrites events)
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

        var moved = await events.WriteAsync(
            async ct =>
            {
                var moved = await links.MoveAsync(moving, source, target, events.Now, ct).ConfigureAwait(false);
                if (moved.IsFailure)
                {
                    return Result<(IReadOnlyList<DomainLink> Links, DirectoryMembersMoved Members)>.Failure(moved.Error);
                }

                var fromAfter = await directories.FindAsync(source, ct).ConfigureAwait(false);
                var toAfter = await directories.FindAsync(target, ct).ConfigureAwait(false);
                var undone = DirectoryRules.MoveUndone(source, target, fromAfter, toAfter);
                if (undone is null)
                {
                    // Hold both directories until the move commits (see DirectoryHold): a deletion or encryption racing the move
                    // either comes first and undoes it, or comes after and sees the moved links.
                    undone = await DirectoryHold.TouchAsync(directories, fromAfter!, ct).ConfigureAwait(false) is { IsFailure: true } heldFrom ? heldFrom.Error
                        : await DirectoryHold.TouchAsync(directories, toAfter!, ct).ConfigureAwait(false) is { IsFailure: true } heldTo ? heldTo.Error
                        : null;
                }

                if (undone is not null)
                {
                    // A transaction rolls the move back anyway; stores without one need the move back.
                    await links.MoveAsync(moving, target, source, events.Now, ct).ConfigureAwait(false);
                    return undone;
                }

                var moves = members is null ? new DirectoryMembersMoved(0, []) : await members.MoveAsync(source, target, moving, ct).ConfigureAwait(false);
                return (moved.Value, moves);
            },
            done => new DomainsMoved(events.Now, from.Value.Owner, source, target, [.. moving])
            {
                MembersMoved = done.Members.Moved,
                MembersLeftBehind = done.Members.LeftBehind,
                NotifyAdmins = notifyAdmins,
            },
            actor,
            cancellationToken).ConfigureAwait(false);
        return moved.IsFailure ? moved.Error : Result<IReadOnlyList<DomainLink>>.Success(moved.Value.Links);
    }
}
