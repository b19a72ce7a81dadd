using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A user's email or names were updated from the IdP. Type <c>signin.user_profile_updated</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user.</param>
/// <param name="ChangedFields">The fields that changed (email, given_name, family_name).</param>
/// <param name="DirectoryOwner">The owner of the directory the user signed in through, whose audit trail lists the event (null only for events recorded before it was kept).</param>
public sealed record SignInUserProfileUpdated(DateTimeOffset OccurredAt, UserId UserId, ImmutableArray<string> ChangedFields, OwnerRef? DirectoryOwner = null)
    : FederationEvent("signin.user_profile_updated", OccurredAt);
