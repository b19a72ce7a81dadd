using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Provisioning;

/// <summary>The result of a successful sign-in: the user, its memberships and what changed.</summary>
/// <param name="UserId">The product's user.</param>
/// <param name="UserCreated">Whether the user was created by this sign-in.</param>
/// <param name="Memberships">The memberships per organization that this directory provisions.</param>
/// <param name="Changes">The events raised by this sign-in (each one a change), in order.</param>
public sealed record SignInOutcome(
    UserId UserId,
    bool UserCreated,
    ImmutableArray<MembershipOutcome> Memberships,
    ImmutableArray<FederationEvent> Changes)
{
    /// <summary>The user's security stamp after this sign-in (see <see cref="Stores.FederatedUser.SecurityStamp"/>); empty when unknown.</summary>
    public string SecurityStamp { get; init; } = string.Empty;
}
