using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A SCIM client changed a directory user's attributes. Type <c>directory_sync.user_updated</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="UserId">The user.</param>
/// <param name="Changed">The attributes that changed (<c>userName</c>, <c>externalId</c>, <c>email</c>, <c>givenName</c>, <c>familyName</c>, <c>displayName</c>).</param>
public sealed record DirectorySyncUserUpdated(DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner, UserId UserId, ImmutableArray<string> Changed)
    : DirectorySyncEvent("directory_sync.user_updated", OccurredAt, DirectoryId, Owner);
