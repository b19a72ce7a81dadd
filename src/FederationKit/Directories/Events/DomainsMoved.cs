using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>
/// A move of domains between two directories completed (all of them moved). Raised for every move; the host notifies the
/// owner's admins when <see cref="NotifyAdmins"/> is true.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The owner of both directories.</param>
/// <param name="SourceDirectoryId">Where the domains were linked.</param>
/// <param name="TargetDirectoryId">Where they are linked now.</param>
/// <param name="Domains">The moved domains.</param>
public sealed record DomainsMoved(DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId SourceDirectoryId, DirectoryId TargetDirectoryId, ImmutableArray<string> Domains)
    : FederationEvent(DirectoryEventTypes.DomainsMoved, OccurredAt)
{
    /// <summary>How many members moved with the domains to the target directory.</summary>
    public int MembersMoved { get; init; }

    /// <summary>Emails of members that stayed in the source (a user with their subject appeared in the target during the move).</summary>
    public ImmutableArray<string> MembersLeftBehind { get; init; } = [];

    /// <summary>Whether the caller of the move asked for the owner's admins to be told of it (the host sends the notice).</summary>
    public bool NotifyAdmins { get; init; }
}
