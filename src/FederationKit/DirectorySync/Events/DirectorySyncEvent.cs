using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Events;

/// <summary>A change made through directory sync; listed in the audit trail of the directory's owner.</summary>
/// <param name="Type">A stable dotted name.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner.</param>
public abstract record DirectorySyncEvent(string Type, DateTimeOffset OccurredAt, DirectoryId DirectoryId, OwnerRef Owner)
    : FederationEvent(Type, OccurredAt);
