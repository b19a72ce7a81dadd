using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A SCIM client created a directory user. Type <c>directory_sync.user_created</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="UserId">The user.</param>
public sealed record DirectorySyncUserCreated(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, UserId UserId)
    : DirectorySyncEvent("directory_sync.user_created", OccurredAt, DirectoryId, Owner);
