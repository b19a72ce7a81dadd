using System.Collections.Immutable;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Groups;

/// <summary>The attributes a SCIM client sets on a group (create and full replace).</summary>
/// <param name="DisplayName">SCIM <c>displayName</c>: required, unique in the directory.</param>
/// <param name="ExternalId">SCIM <c>externalId</c>, or null.</param>
/// <param name="Members">The member users (each a user of the directory).</param>
public sealed record DirectoryGroupInput(string DisplayName, string? ExternalId, ImmutableArray<UserId> Members);
