using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Settings;

/// <summary>The service provider's side of SAML: who we are and what we accept.</summary>
public sealed class SamlServiceProviderOptions
{
    /// <summary>The SP entity ID (the audience every assertion must name).</summary>
    public required string EntityId { get; set; }

    /// <summary>The assertion consumer service URLs; Destination and Recipient must be one of them.</summary>
    public IList<string> AssertionConsumerServiceUrls { get; } = [];

    /// <summary>The SP's single logout URL: the Destination every LogoutRequest and LogoutResponse from the IdP must name.</summary>
    public string? SingleLogoutUrl { get; set; }

    /// <summary>How long after its IssueInstant a logout message is accepted (plus the clock skew). Default 5 minutes.</summary>
    public TimeSpan LogoutMessageLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Further audiences accepted besides <see cref="EntityId"/> (Entra ID may send <c>spn:&lt;app id&gt;</c>).</summary>
    public IList<string> AdditionalAudiences { get; } = [];

    /// <summary>The SP's decryption certificates with private keys (several during a rollover), for encrypted assertions.</summary>
    public IList<X509Certificate2> DecryptionCertificates { get; } = [];

    /// <summary>Whether a plain (unencrypted) assertion is refused. Default false.</summary>
    public bool RequireEncryptedAssertions { get; set; }

    /// <summary>Whether RSA PKCS#1 v1.5 key transport is accepted in encrypted assertions (padding-oracle risk). Default false.</summary>
    public bool AllowRsaPkcs1KeyTransport { get; set; }

    /// <summary>Tolerated clock difference with the IdP. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether IdP-initiated (unsolicited) responses are accepted. Default false.</summary>
    public bool AllowUnsolicitedResponses { get; set; }

    /// <summary>Whether RSA-SHA1 signatures and SHA-1 digests are accepted. Default false.</summary>
    public bool AllowSha1 { get; set; }

    /// <summary>
    /// Whether an assertion without an AuthnStatement is refused (SAML profiles §4.1.4.2 requires one in Web Browser SSO).
    /// Default true; switch off only for an IdP known to omit it.
    /// </summary>
    public bool RequireAuthnStatement { get; set; } = true;

    /// <summary>Whether the Assertion itself must carry a valid signature (a signature over the Response alone is then not enough). Default false.</summary>
    public bool RequireSignedAssertion { get; set; }

    /// <summary>
    /// The longest accepted assertion lifetime: an assertion whose Conditions or bearer SubjectConfirmationData NotOnOrAfter
    /// lies further than this after its IssueInstant is refused, and none is accepted later than its IssueInstant plus this
    /// (plus the clock skew). It also bounds how long an assertion ID is remembered against replay. Default 2 hours (IdPs
    /// such as Entra ID and ADFS issue assertions valid for about one hour); between 1 minute and 24 hours.
    /// </summary>
    public TimeSpan MaximumAssertionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The largest accepted input, in characters of the form value. Default 256 KiB.</summary>
    public int MaxResponseLength { get; set; } = 256 * 1024;

    /// <summary>Checks the settings; the error names the first bad one.</summary>
    public Result Validate()
    {
        if (string.IsNullOrWhiteSpace(EntityId))
        {
            return Invalid("EntityId", "The SP entity ID is required.");
        }

        if (AssertionConsumerServiceUrls.Count == 0 || AssertionConsumerServiceUrls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out _)))
        {
            return Invalid("AssertionConsumerServiceUrls", "At least one absolute ACS URL is required.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            return Invalid("ClockSkew", "The clock skew must be between 0 and 10 minutes.");
        }

        if (MaximumAssertionLifetime < TimeSpan.FromMinutes(1) || MaximumAssertionLifetime > TimeSpan.FromHours(24))
        {
            return Invalid("MaximumAssertionLifetime", "The maximum assertion lifetime must be between 1 minute and 24 hours.");
        }

        if (AdditionalAudiences.Any(string.IsNullOrWhiteSpace))
        {
            return Invalid("AdditionalAudiences", "An additional audience must not be empty.");
        }

        if (RequireEncryptedAssertions && DecryptionCertificates.Count == 0)
        {
            return Invalid("DecryptionCertificates", "Encrypted assertions are required, so at least one decryption certificate is needed.");
        }

        if (DecryptionCertificates.Any(c => !c.HasPrivateKey || c.GetRSAPublicKey() is null))
        {
            return Invalid("DecryptionCertificates", "Each decryption certificate needs its RSA private key.");
        }

        return MaxResponseLength is < 1024 or > 16 * 1024 * 1024 ? Invalid("MaxResponseLength", "MaxResponseLength must be between 1 KiB and 16 MiB.") : Result.Success;
    }

    private static FederationError Invalid(string setting, string message) =>
        new FederationError(SamlErrorCodes.SettingsInvalid, message).WithDetail("setting", setting);
}
