namespace FederationKit.SignIn;

/// <summary>The federation protocol through which an identity was asserted.</summary>
public enum IdentityProtocol
{
    /// <summary>SAML 2.0 Web Browser SSO.</summary>
    Saml = 1,

    /// <summary>OpenID Connect authorization code flow.</summary>
    Oidc = 2,
}
