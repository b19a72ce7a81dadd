using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>A domain was linked to or unlinked from a directory.</summary>
/// <param name="Type"><c>directory.domain.linked</c> or <c>directory.domain.unlinked</c>.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The owner.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Domain">The domain.</param>
public sealed record DomainLinkChanged(string Type, DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId DirectoryId, string Domain)
    : FederationEvent(Type, OccurredAt);
