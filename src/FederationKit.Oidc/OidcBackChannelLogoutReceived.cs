using FederationKit.Directories;
using FederationKit.Events;

namespace FederationKit.Oidc;

/// <summary>
/// A provider ended a user's session through back-channel logout and the logout token passed validation: the host ends
/// that user's sessions (all of <see cref="Subject"/>'s from this provider, or the one whose ID token carried
/// <see cref="SessionId"/>). Carries identifiers only, never the token.
/// </summary>
/// <param name="Type"><see cref="TypeName"/>.</param>
/// <param name="OccurredAt">When the logout token was accepted.</param>
/// <param name="DirectoryId">The directory of the profile.</param>
/// <param name="ProfileId">The OIDC profile the provider belongs to.</param>
/// <param name="Issuer">The provider.</param>
/// <param name="Subject">The user's <c>sub</c> at the provider, or null.</param>
/// <param name="SessionId">The provider's session ID (<c>sid</c>), or null.</param>
public sealed record OidcBackChannelLogoutReceived(string Type, DateTimeOffset OccurredAt, DirectoryId DirectoryId, IdpProfileId ProfileId, string Issuer, string? Subject, string? SessionId)
    : FederationEvent(Type, OccurredAt)
{
    /// <summary>The event type: <c>oidc.backchannel_logout.received</c>.</summary>
    public const string TypeName = "oidc.backchannel_logout.received";
}
