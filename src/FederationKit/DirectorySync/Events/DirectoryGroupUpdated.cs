using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A SCIM client renamed a group or changed its external id. Type <c>directory_sync.group_updated</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="GroupId">The group.</param>
/// <param name="PreviousDisplayName">The display name before.</param>
/// <param name="DisplayName">The display name after.</param>
public sealed record DirectoryGroupUpdated(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, DirectoryGroupId GroupId, string PreviousDisplayName, string DisplayName)
    : DirectorySyncEvent("directory_sync.group_updated", OccurredAt, DirectoryId, Owner);
