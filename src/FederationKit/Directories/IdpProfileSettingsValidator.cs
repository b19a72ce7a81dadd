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

        if (BadUrl(settings.MetadataUrl))
        {
            return Invalid("metadataUrl", "The metadata URL must be an absolute https URL (http only on loopback).");
        }

        if (settings.SigningCertificates.IsDefaultOrEmpty)
        {
            return Invalid("signingCertificates", "At least one IdP signing certificate is required.");
        }

        if (settings.MinimumRsaKeySize is < 1024 or > 16384)
        {
            return Invalid("minimumRsaKeySize", "The minimum RSA key size must be between 1024 and 16384 bits.");
        }

        for (var i = 0; i < settings.SigningCertificates.Length; i++)
        {
            var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (KeySize(settings.SigningCertificates[i]) is not { } key)
            {
                return Invalid("signingCertificates", $"Signing certificate {i + 1} is not a base64 DER X.509 certificate.").WithDetail("index", index);
            }

            var minimum = key.Kind == "RSA" ? settings.MinimumRsaKeySize : key.Kind == "ECDSA" ? 256 : 0;
            if (key.Bits < minimum)
            {
                return new FederationError(DirectoryErrorCodes.ProfileKeyTooSmall, $"Signing certificate {i + 1} has a {key.Bits}-bit {key.Kind} key; at least {minimum} bits are required.")
                    .WithDetail("field", "signingCertificates")
                    .WithDetail("index", index)
                    .WithDetail("bits", key.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .WithDetail("minimum", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (settings.MaximumAssertionLifetime < TimeSpan.FromMinutes(1) || settings.MaximumAssertionLifetime > TimeSpan.FromHours(24))
        {
            return Invalid("maximumAssertionLifetime", "The maximum assertion lifetime must be between 1 minute and 24 hours.");
        }

        if (settings.AdditionalAudiences.IsDefault || settings.AdditionalAudiences.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > 1024))
        {
            return Invalid("additionalAudiences", "Each additional audience must be non-empty (at most 1024 characters).");
        }

        return ValidateAttributeMapping(settings);
    }

    /// <summary>The attribute mapping: a known username source, its attribute when it needs one, and attribute names that are not blank.</summary>
    private static FederationError? ValidateAttributeMapping(SamlIdpSettings settings)
    {
        if (!Enum.IsDefined(settings.UsernameSource))
        {
            return Invalid("usernameSource", "The username source must be NameId, Attribute or EmailLocalPart.");
        }

        if (settings.UsernameSource == SamlUsernameSource.Attribute && settings.UsernameAttribute is null)
        {
            return Invalid("usernameAttribute", "The username attribute is required when the username comes from an attribute.");
        }

        foreach (var (field, name) in new[]
        {
            ("usernameAttribute", settings.UsernameAttribute), ("emailAttribute", settings.EmailAttribute), ("givenNameAttribute", settings.GivenNameAttribute),
            ("surnameAttribute", settings.SurnameAttribute), ("groupsAttribute", settings.GroupsAttribute), ("userIdAttribute", settings.UserIdAttribute),
        })
        {
            if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > 1024 || name.Trim().Length != name.Length))
            {
                return Invalid(field, $"The {field} must be a non-empty attribute name without surrounding spaces (at most 1024 characters), or left unset.");
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

    /// <summary>The kind (RSA, ECDSA or another algorithm) and size of a base64 DER certificate's public key, or null when it is not a certificate.</summary>
    private static (string Kind, int Bits)? KeySize(string base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64.Trim()));
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is not null)
            {
                return ("RSA", rsa.KeySize);
            }

            using var ecdsa = certificate.GetECDsaPublicKey();
            return ecdsa is not null ? ("ECDSA", ecdsa.KeySize) : ("other", 0);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static FederationError Invalid(string field, string message) =>
        new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, message).WithDetail("field", field);
}
