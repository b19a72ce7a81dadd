using System.Collections.Immutable;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Groups;

/// <summary>What a member change of a group wrote.</summary>
/// <param name="Group">The group after the change (new version).</param>
/// <param name="Added">The users that became members (already members are not listed).</param>
/// <param name="Removed">The users that stopped being members (non-members are not listed).</param>
public sealed record DirectoryGroupMemberChange(DirectoryGroup Group, ImmutableArray<UserId> Added, ImmutableArray<UserId> Removed);
