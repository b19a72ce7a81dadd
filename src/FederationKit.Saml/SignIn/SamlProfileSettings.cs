using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.Saml.Settings;
using FederationKit.Stores;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// Turns a directory's SAML IdP profile and the host's SP settings into validator settings for that profile: the profile's
/// policy (key size, RSA 1.5 key transport, AuthnStatement, signed assertion, additional audiences, assertion lifetime)
/// applies to that IdP only.
/// </summary>
internal static class SamlProfileSettings
{
    public static async Task<Result<(SamlServiceProviderOptions Sp, SamlIdentityProviderOptions Idp, SamlIdpSettings Saml)>> LoadAsync(IIdpProfileStore profiles, SamlSignInOptions options, IdpProfileId profileId, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is not { Protocol: IdentityProtocol.Saml, Saml: { } saml })
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP profile does not exist or is not a SAML profile.").WithDetail("setting", "profile");
        }

        var sp = new SamlServiceProviderOptions
        {
            EntityId = options.EntityId,
            ClockSkew = options.ClockSkew,
            AllowUnsolicitedResponses = options.AllowUnsolicitedResponses,
            RequireEncryptedAssertions = saml.WantEncryptedAssertions,
            AllowRsaPkcs1KeyTransport = saml.AllowRsaPkcs1KeyTransport,
            RequireAuthnStatement = saml.RequireAuthnStatement,
            RequireSignedAssertion = saml.RequireSignedAssertion,
            MaximumAssertionLifetime = saml.MaximumAssertionLifetime,
        };
        sp.AssertionConsumerServiceUrls.Add(options.AssertionConsumerServiceUrl(profileId));
        foreach (var audience in saml.AdditionalAudiences.IsDefault ? [] : saml.AdditionalAudiences)
        {
            sp.AdditionalAudiences.Add(audience);
        }

        sp.SingleLogoutUrl = options.SingleLogoutServiceBaseUrl is null ? null : options.SingleLogoutServiceUrl(profileId);
        foreach (var certificate in options.DecryptionCertificates.Count > 0 ? options.DecryptionCertificates : options.SigningCertificate is { HasPrivateKey: true } signing ? [signing] : [])
        {
            sp.DecryptionCertificates.Add(certificate);
        }
        var idp = new SamlIdentityProviderOptions
        {
            EntityId = saml.EntityId,
            SingleSignOnUrlRedirect = saml.SsoUrlRedirect,
            SingleSignOnUrlPost = saml.SsoUrlPost,
            SingleLogoutUrl = saml.LogoutUrl,
            MinimumRsaKeySize = saml.MinimumRsaKeySize,
        };
        foreach (var base64 in saml.SigningCertificates)
        {
            try
            {
                idp.SigningCertificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64)));
            }
            catch (Exception exception) when (exception is FormatException or CryptographicException)
            {
                return new FederationError(SamlErrorCodes.SettingsInvalid, "A signing certificate of the profile cannot be read.").WithDetail("setting", "SigningCertificates");
            }
        }

        var valid = sp.Validate();
        if (valid.IsSuccess)
        {
            valid = idp.Validate();
        }

        return valid.IsFailure ? valid.Error : (sp, idp, saml);
    }
}
