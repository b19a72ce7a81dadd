using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A SCIM client added or removed group members. Type <c>directory_sync.group_members_changed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="GroupId">The group.</param>
/// <param name="Added">Users that became members.</param>
/// <param name="Removed">Users that stopped being members.</param>
public sealed record DirectoryGroupMembersChanged(
    DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, DirectoryGroupId GroupId, ImmutableArray<UserId> Added, ImmutableArray<UserId> Removed)
    : DirectorySyncEvent("directory_sync.group_members_changed", OccurredAt, DirectoryId, Owner);
