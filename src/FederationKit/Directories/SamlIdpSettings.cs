using System.Collections.Immutable;

namespace FederationKit.Directories;

/// <summary>The configuration of a SAML 2.0 identity provider. Holds no secrets (certificates are public).</summary>
public sealed record SamlIdpSettings
{
    /// <summary>The IdP entity ID; an asserted identity's issuer must equal it exactly.</summary>
    public required string EntityId { get; init; }

    /// <summary>The IdP's single sign-on URL for the HTTP-Redirect binding, if it offers one.</summary>
    public Uri? SsoUrlRedirect { get; init; }

    /// <summary>The IdP's single sign-on URL for the HTTP-POST binding, if it offers one.</summary>
    public Uri? SsoUrlPost { get; init; }

    /// <summary>The IdP's signing certificates, base64 DER, one or more (several during a key rollover).</summary>
    public ImmutableArray<string> SigningCertificates { get; init; } = [];

    /// <summary>The IdP's single logout URL, if any.</summary>
    public Uri? LogoutUrl { get; init; }

    /// <summary>The NameID format requested and expected (for example <c>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</c>); null accepts the IdP's choice.</summary>
    public string? NameIdFormat { get; init; }

    /// <summary>Whether authentication requests are signed. Default true.</summary>
    public bool SignRequests { get; init; } = true;

    /// <summary>Whether assertions must arrive encrypted. Default false.</summary>
    public bool WantEncryptedAssertions { get; init; }
}
