using FederationKit.Directories;
using FederationKit.Events;

namespace FederationKit.Saml.Metadata;

/// <summary>
/// A metadata refresh stored other signing certificates for a SAML profile (an IdP key rollover, or a key removed). Carries the
/// SHA-256 thumbprints (upper-case hex of the DER certificate) before and after, never key material. The profile's own
/// <c>directory.profile.updated</c> event is raised as well.
/// </summary>
/// <param name="Type"><see cref="SamlMetadataEventTypes.SigningKeysChanged"/>.</param>
/// <param name="OccurredAt">When the change was stored.</param>
/// <param name="DirectoryId">The profile's directory.</param>
/// <param name="ProfileId">The profile.</param>
/// <param name="MetadataUrl">The metadata URL the certificates came from.</param>
/// <param name="PreviousThumbprints">The SHA-256 thumbprints of the certificates before the refresh.</param>
/// <param name="CurrentThumbprints">The SHA-256 thumbprints of the certificates now trusted.</param>
public sealed record SamlSigningKeysChanged(
    string Type,
    DateTimeOffset OccurredAt,
    DirectoryId DirectoryId,
    IdpProfileId ProfileId,
    Uri MetadataUrl,
    IReadOnlyList<string> PreviousThumbprints,
    IReadOnlyList<string> CurrentThumbprints) : FederationEvent(Type, OccurredAt);
