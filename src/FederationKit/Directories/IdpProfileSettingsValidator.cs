using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Directories;

/// <summary>Checks SAML and OIDC profile settings; the first problem is returned with the offending field as a detail.</summary>
internal static class IdpProfileSettingsValidator
{
    public static FederationError? Validate(SamlIdpSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.EntityId) || settings.EntityId.Length > 1024)
        {
            return Invalid("entityId", "The IdP entity ID is required (at most 1024 characters).");
        }

        if (settings.SsoUrlRedirect is null && settings.SsoUrlPost is null)
        {
            return Invalid("ssoUrl", "At least one single sign-on URL (Redirect or POST binding) is required.");
        }

        if (BadUrl(settings.SsoUrlRedirect))
        {
            return Invalid("ssoUrlRedirect", "The Redirect-binding SSO URL must be an absolute https URL (http only on loopback).");
        }

        if (BadUrl(settings.SsoUrlPost))
        {
            return Invalid("ssoUrlPost", "The POST-binding SSO URL must be an absolute https URL (http only on loopback).");
        }

        if (BadUrl(settings.LogoutUrl))
        {
            return Invalid("logoutUrl", "The logout URL must be an absolute https URL (http only on loopback).");
        }

        if (settings.SigningCertificates.IsDefaultOrEmpty)
        {
            return Invalid("signingCertificates", "At least one IdP signing certificate is required.");
        }

        for (var i = 0; i < settings.SigningCertificates.Length; i++)
        {
            if (!IsCertificate(settings.SigningCertificates[i]))
            {
                return Invalid("signingCertificates", $"Signing certificate {i + 1} is not a base64 DER X.509 certificate.").WithDetail("index", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    public static FederationError? Validate(OidcIdpSettings settings, bool hasClientSecret, bool hasPrivateKey)
    {
        if (settings.Issuer is null || BadUrl(settings.Issuer))
        {
            return Invalid("issuer", "The issuer must be an absolute https URL (http only on loopback).");
        }

        if (string.IsNullOrWhiteSpace(settings.ClientId))
        {
            return Invalid("clientId", "The client ID is required.");
        }

        if (hasClientSecret == hasPrivateKey)
        {
            return Invalid("clientCredentials", "Give exactly one client credential: a client secret or a private key for private_key_jwt.");
        }

        if (settings.Scopes.IsDefaultOrEmpty || !settings.Scopes.Contains("openid", StringComparer.Ordinal))
        {
            return Invalid("scopes", "The scopes must contain 'openid'.");
        }

        if (!settings.UseDiscovery && (settings.AuthorizationEndpoint is null || settings.TokenEndpoint is null || settings.JwksUri is null))
        {
            return Invalid("endpoints", "Without discovery, the authorization endpoint, token endpoint and JWKS URI are required.");
        }

        foreach (var (field, url) in new[]
        {
            ("authorizationEndpoint", settings.AuthorizationEndpoint), ("tokenEndpoint", settings.TokenEndpoint), ("jwksUri", settings.JwksUri),
            ("userInfoEndpoint", settings.UserInfoEndpoint), ("endSessionEndpoint", settings.EndSessionEndpoint),
        })
        {
            if (BadUrl(url))
            {
                return Invalid(field, $"The {field} must be an absolute https URL (http only on loopback).");
            }
        }

        if (string.IsNullOrWhiteSpace(settings.UserIdClaim))
        {
            return Invalid("userIdClaim", "The user-id claim is required (default 'sub').");
        }

        return null;
    }

    /// <summary>
    /// Syntax only: an absolute https URL, or http on a loopback host (tests and local development). Whether the SDK may
    /// actually fetch a URL (OIDC discovery, keys, token, userinfo) is decided at fetch time by the
    /// <see cref="Outbound.OutboundUrlPolicy"/>, after DNS resolution: by default it refuses http and loopback as well.
    /// </summary>
    private static bool BadUrl(Uri? url) =>
        url is not null && (!url.IsAbsoluteUri || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)));

    private static bool IsCertificate(string base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64.Trim()));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static FederationError Invalid(string field, string message) =>
        new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, message).WithDetail("field", field);
}
