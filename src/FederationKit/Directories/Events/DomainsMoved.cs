using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>A move of domains between two directories completed (all of them moved); admins are told through this event.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The owner of both directories.</param>
/// <param name="SourceDirectoryId">Where the domains were linked.</param>
/// <param name="TargetDirectoryId">Where they are linked now.</param>
/// <param name="Domains">The moved domains.</param>
public sealed record DomainsMoved(DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId SourceDirectoryId, DirectoryId TargetDirectoryId, ImmutableArray<string> Domains)
    : FederationEvent(DirectoryEventTypes.DomainsMoved, OccurredAt);
