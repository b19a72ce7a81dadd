using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>A user of a trusted directory was added to or removed from the trustee organization.</summary>
/// <param name="Type"><c>trust.user.added</c> or <c>trust.user.removed</c>.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="RequestId">The trust.</param>
/// <param name="DirectoryId">The trusted directory.</param>
/// <param name="TrusteeOrganizationId">The trustee organization.</param>
/// <param name="UserId">The user.</param>
public sealed record TrusteeUserChanged(string Type, DateTimeOffset OccurredAt, TrustRequestId RequestId, DirectoryId DirectoryId, OrganizationId TrusteeOrganizationId, UserId UserId)
    : FederationEvent(Type, OccurredAt);
