using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>
/// A domain link was removed because another owner now holds the most specific verified claim on the domain (it verified the
/// domain or a nearer parent of it): the previous owner's directory no longer serves it, and the new owner can link it.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The previous owner, whose link was removed.</param>
/// <param name="DirectoryId">The previous owner's directory.</param>
/// <param name="Domain">The linked domain.</param>
/// <param name="NewOwner">The owner of the most specific verified claim now covering the domain.</param>
/// <param name="VerifiedDomain">
/// The domain whose verification moved ownership (the linked domain or a parent of it); null when the stale link was found later,
/// as the new owner linked the domain.
/// </param>
public sealed record DomainLinkRemovedOwnershipChanged(DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId DirectoryId, string Domain, OwnerRef NewOwner, string? VerifiedDomain)
    : FederationEvent(DirectoryEventTypes.DomainLinkRemovedOwnershipChanged, OccurredAt);
