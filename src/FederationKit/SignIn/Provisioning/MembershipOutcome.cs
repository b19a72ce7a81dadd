using System.Collections.Immutable;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Provisioning;

/// <summary>A user's membership of one organization after sign-in.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Role">The role.</param>
/// <param name="UserType">Enterprise or Business.</param>
/// <param name="Username">The username in that organization.</param>
/// <param name="Groups">The product groups.</param>
/// <param name="Joined">Whether the user joined on this sign-in.</param>
public sealed record MembershipOutcome(
    OrganizationId OrganizationId,
    OrganizationRole Role,
    MemberUserType UserType,
    string Username,
    ImmutableSortedSet<string> Groups,
    bool Joined);
