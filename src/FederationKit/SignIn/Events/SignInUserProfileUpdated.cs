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
public sealed record SignInUserProfileUpdated(DateTimeOffset OccurredAt, UserId UserId, ImmutableArray<string> ChangedFields)
    : FederationEvent("signin.user_profile_updated", OccurredAt);
