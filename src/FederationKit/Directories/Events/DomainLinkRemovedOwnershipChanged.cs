using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>
/// A domain link was removed because another owner verified the domain (or a nearer parent of it): the previous owner's
/// directory no longer serves it, and the new owner can link it.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The previous owner, whose link was removed.</param>
/// <param name="DirectoryId">The previous owner's directory.</param>
/// <param name="Domain">The linked domain.</param>
/// <param name="NewOwner">The owner of the most specific verified claim now covering the domain.</param>
/// <param name="VerifiedDomain">The domain the new owner verified (the linked domain or a parent of it).</param>
public sealed record DomainLinkRemovedOwnershipChanged(DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId DirectoryId, string Domain, OwnerRef NewOwner, string VerifiedDomain)
    : FederationEvent(DirectoryEventTypes.DomainLinkRemovedOwnershipChanged, OccurredAt);
