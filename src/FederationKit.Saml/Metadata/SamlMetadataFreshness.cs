using FederationKit.Directories;

namespace FederationKit.Saml.Metadata;

/// <summary>How fresh one profile's metadata is, as <see cref="SamlMetadataRefresher.Freshness"/> reports it.</summary>
/// <param name="ProfileId">The SAML profile kept with a metadata URL.</param>
/// <param name="LastRefreshedAt">When its metadata was last read successfully by this instance; null when never.</param>
/// <param name="FreshUntil">
/// When that copy stops being fresh (the refresh interval chosen then, from the metadata's cacheDuration and validUntil within
/// the refresh bounds); for a profile never read, when it was first tried.
/// </param>
/// <param name="ConsecutiveFailures">Failed reads since the last successful one.</param>
public sealed record SamlMetadataFreshness(IdpProfileId ProfileId, DateTimeOffset? LastRefreshedAt, DateTimeOffset FreshUntil, int ConsecutiveFailures);
