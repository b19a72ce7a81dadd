using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>A directory was renamed.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="OldName">The name before the rename.</param>
/// <param name="NewName">The name after it.</param>
public sealed record DirectoryRenamed(DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId DirectoryId, string OldName, string NewName)
    : FederationEvent(DirectoryEventTypes.DirectoryRenamed, OccurredAt);
