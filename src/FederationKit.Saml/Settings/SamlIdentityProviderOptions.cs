using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Settings;

/// <summary>The identity provider we trust: its entity ID and its signing certificates (pinned, not chain-validated).</summary>
public sealed class SamlIdentityProviderOptions
{
    /// <summary>The IdP entity ID, compared exactly with every Issuer.</summary>
    public required string EntityId { get; set; }

    /// <summary>The IdP's signing certificates (several during a rollover). Only these keys are trusted; KeyInfo in messages is ignored.</summary>
    public IList<X509Certificate2> SigningCertificates { get; } = [];

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

        return SigningCertificates.Count == 0
            ? new FederationError(SamlErrorCodes.SettingsInvalid, "At least one IdP signing certificate is required.").WithDetail("setting", "SigningCertificates")
            : Result.Success;
    }
}
