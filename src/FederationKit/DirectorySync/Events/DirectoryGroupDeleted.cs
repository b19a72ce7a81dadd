using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A SCIM client deleted a group; what it granted is taken back. Type <c>directory_sync.group_deleted</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="GroupId">The group.</param>
/// <param name="DisplayName">Its display name.</param>
public sealed record DirectoryGroupDeleted(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, DirectoryGroupId GroupId, string DisplayName)
    : DirectorySyncEvent("directory_sync.group_deleted", OccurredAt, DirectoryId, Owner);
