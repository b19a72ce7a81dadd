using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories;

/// <summary>A directory was created, encrypted or deleted (a new user is announced by the sign-in's <c>signin.user_created</c>).</summary>
/// <param name="Type">One of the directory event types in <see cref="DirectoryEventTypes"/>.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Owner">The directory's owner.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Name">The directory's name.</param>
/// <param name="IdentityType">The directory's identity type.</param>
public sealed record DirectoryChanged(string Type, DateTimeOffset OccurredAt, OwnerRef Owner, DirectoryId DirectoryId, string Name, DirectoryIdentityType IdentityType)
    : FederationEvent(Type, OccurredAt);
