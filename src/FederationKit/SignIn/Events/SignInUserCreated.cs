using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A user was provisioned on first sign-in. Type <c>signin.user_created</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The new user.</param>
/// <param name="DirectoryId">The directory of the identity.</param>
/// <param name="DirectoryOwner">The directory's owner, whose audit trail lists the event (null only for events recorded before it was kept).</param>
public sealed record SignInUserCreated(DateTimeOffset OccurredAt, UserId UserId, DirectoryId DirectoryId, OwnerRef? DirectoryOwner = null)
    : FederationEvent("signin.user_created", OccurredAt);
