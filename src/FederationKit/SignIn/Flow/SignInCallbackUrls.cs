using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// The absolute URLs of the host edge, under one base (for example <c>https://app.example/federation</c>): the protocols put
/// them in their requests and check responses against them, and the host serves them. One layout for every host:
/// <list type="bullet">
/// <item><c>{base}/saml/metadata</c>: the SP entity ID URL and its metadata; <c>{base}/saml/acs</c>: the ACS of SP-initiated sign-ins;</item>
/// <item><c>{base}/saml/{profile}/acs</c>, <c>{base}/saml/{profile}/slo</c>, <c>{base}/saml/{profile}/metadata</c>: per profile;</item>
/// <item><c>{base}/oidc/callback</c>, <c>{base}/oidc/signed-out</c>, <c>{base}/oidc/{profile}/backchannel-logout</c>.</item>
/// </list>
/// </summary>
public sealed class SignInCallbackUrls
{
    private readonly string _base;

    /// <summary>Creates the layout under <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">An absolute http or https URL without query or fragment.</param>
    /// <exception cref="ArgumentException">The URL is relative, not http(s), or has a query or fragment.</exception>
    public SignInCallbackUrls(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp) || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            throw new ArgumentException("The base URL must be an absolute http(s) URL without query or fragment.", nameof(baseUrl));
        }

        _base = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        BaseUrl = new Uri(_base);
    }

    /// <summary>The base every URL starts with, without a trailing slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The SP entity ID URL (and where the SP metadata is served).</summary>
    public Uri SamlMetadata => new(_base + "/saml/metadata");

    /// <summary>The ACS of SP-initiated sign-ins for every profile (the profile comes from the transaction).</summary>
    public Uri SamlAssertionConsumerService => new(_base + "/saml/acs");

    /// <summary>The ACS of one profile (also where IdP-initiated responses go, when the profile allows them).</summary>
    /// <param name="profileId">The profile.</param>
    public Uri SamlProfileAssertionConsumerService(IdpProfileId profileId) => new(_base + "/saml/" + profileId + "/acs");

    /// <summary>The single logout endpoint of one profile.</summary>
    /// <param name="profileId">The profile.</param>
    public Uri SamlSingleLogout(IdpProfileId profileId) => new(_base + "/saml/" + profileId + "/slo");

    /// <summary>The SP metadata of one profile (its ACS, SLO and keys).</summary>
    /// <param name="profileId">The profile.</param>
    public Uri SamlProfileMetadata(IdpProfileId profileId) => new(_base + "/saml/" + profileId + "/metadata");

    /// <summary>The OIDC redirect URI to register at every provider.</summary>
    public Uri OidcCallback => new(_base + "/oidc/callback");

    /// <summary>The OIDC post-logout redirect URI to register at every provider.</summary>
    public Uri OidcSignedOut => new(_base + "/oidc/signed-out");

    /// <summary>The OIDC back-channel logout URI of one profile.</summary>
    /// <param name="profileId">The profile.</param>
    public Uri OidcBackChannelLogout(IdpProfileId profileId) => new(_base + "/oidc/" + profileId + "/backchannel-logout");
}
