using System.Security.Cryptography.X509Certificates;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Settings;

/// <summary>The identity provider we trust: its entity ID and its signing certificates (pinned, not chain-validated).</summary>
public sealed class SamlIdentityProviderOptions
{
    /// <summary>The IdP entity ID, compared exactly with every Issuer.</summary>
    public required string EntityId { get; set; }

    /// <summary>The IdP's signing certificates (several during a rollover). Only these keys are trusted; KeyInfo in messages is ignored.</summary>
    public IList<X509Certificate2> SigningCertificates { get; } = [];

    /// <summary>
    /// The smallest accepted RSA signing key, in bits. Default 2048; 1024 is a legacy opt-in for IdPs that cannot rotate yet.
    /// Between 1024 and 16384. A configured certificate with a smaller RSA key (or an ECDSA key under 256 bits) is a
    /// configuration error (<see cref="SamlErrorCodes.SettingsKeyTooSmall"/>).
    /// </summary>
    public int MinimumRsaKeySize { get; set; } = SamlSignatureVerifier.DefaultMinimumRsaKeySize;

    /// <summary>The SSO URL for the Redirect binding.</summary>
    public Uri? SingleSignOnUrlRedirect { get; set; }

    /// <summary>The SSO URL for the POST binding.</summary>
    public Uri? SingleSignOnUrlPost { get; set; }

    /// <summary>The single logout URL, if any.</summary>
    public Uri? SingleLogoutUrl { get; set; }

    /// <summary>Checks the settings; the error names the first bad one.</summary>
    public Result Validate()
    {
        if (string.IsNullOrWhiteSpace(EntityId))
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP entity ID is required.").WithDetail("setting", "EntityId");
        }

        if (MinimumRsaKeySize is < SamlSignatureVerifier.LegacyMinimumRsaKeySize or > 16384)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The minimum RSA key size must be between 1024 and 16384 bits.").WithDetail("setting", "MinimumRsaKeySize");
        }

        if (SigningCertificates.Count == 0)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "At least one IdP signing certificate is required.").WithDetail("setting", "SigningCertificates");
        }

        return SamlSignatureVerifier.CheckKeySizes(SigningCertificates, MinimumRsaKeySize) is { } tooSmall ? tooSmall : Result.Success;
    }
}
