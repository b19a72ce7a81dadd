using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>What the relying party knows about the provider: endpoints and signing keys, from discovery and the settings.</summary>
public sealed record OidcProviderConfiguration
{
    /// <summary>The issuer, equal to the configured one.</summary>
    public required string Issuer { get; init; }

    /// <summary>The authorization endpoint.</summary>
    public Uri? AuthorizationEndpoint { get; init; }

    /// <summary>The token endpoint.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The userinfo endpoint, if any.</summary>
    public Uri? UserInfoEndpoint { get; init; }

    /// <summary>The end-session endpoint, if any.</summary>
    public Uri? EndSessionEndpoint { get; init; }

    /// <summary>The provider's signing keys.</summary>
    public required IReadOnlyList<SecurityKey> SigningKeys { get; init; }

    /// <summary>Whether the provider advertises <c>authorization_response_iss_parameter_supported</c> (RFC 9207).</summary>
    public bool AuthorizationResponseIssParameterSupported { get; init; }

    /// <summary>When this configuration was fetched.</summary>
    public DateTimeOffset FetchedAt { get; init; }
}
