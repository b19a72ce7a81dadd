using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>
/// A trust request was made, resent, cancelled, accepted, rejected, revoked or withdrawn. For <c>trust.requested</c> and
/// <c>trust.resent</c> the host turns <see cref="Requester"/> into an email to the owner's admins.
/// </summary>
/// <param name="Type">One of the <c>trust.*</c> types in <see cref="DirectoryEventTypes"/>.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="RequestId">The request.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="DirectoryOwner">The directory's owner.</param>
/// <param name="TrusteeOrganizationId">The trustee organization.</param>
/// <param name="Requester">Who asked (name, email, organization).</param>
public sealed record TrustRequestChanged(
    string Type,
    DateTimeOffset OccurredAt,
    TrustRequestId RequestId,
    DirectoryId DirectoryId,
    OwnerRef DirectoryOwner,
    OrganizationId TrusteeOrganizationId,
    TrustRequester Requester) : FederationEvent(Type, OccurredAt)
{
    /// <summary>For <c>trust.rejected</c>: the owner's reason.</summary>
    public string? Reason { get; init; }
}
