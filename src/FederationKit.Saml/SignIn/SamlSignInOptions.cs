using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// The host's SAML service provider, shared by every SAML IdP profile: one entity ID and one certificate (load the same
/// file or vault secret on every instance). <see cref="SamlSignInProtocol"/> takes its URLs from <c>SignInCallbackUrls</c>;
/// the older <see cref="SamlProfileSignIns"/> uses an ACS URL per profile (<c>{AssertionConsumerServiceBaseUrl}/{profileId}</c>).
/// </summary>
public sealed class SamlSignInOptions
{
    /// <summary>
    /// The SP entity ID every IdP sees as the audience. When empty, <see cref="SamlSignInProtocol"/> uses the edge's
    /// <c>SignInCallbackUrls.SamlMetadata</c> URL, built from the request's host: set it in production, so the entity ID
    /// never depends on the host a request names (and stays the same behind every proxy and domain).
    /// </summary>
    public string EntityId { get; set; } = string.Empty;

    /// <summary>For <see cref="SamlProfileSignIns"/> only: the base of the per-profile ACS URLs, for example <c>https://app.example/saml/acs</c>.</summary>
    public Uri? AssertionConsumerServiceBaseUrl { get; set; }

    /// <summary>The SP certificate with its private key; signs AuthnRequests when the profile asks for signed requests.</summary>
    public X509Certificate2? SigningCertificate { get; set; }

    /// <summary>
    /// The SP certificates with private keys that decrypt encrypted assertions; the newest first during a rollover. When
    /// empty, <see cref="SigningCertificate"/> is used (one certificate for both, as SP metadata advertises it).
    /// </summary>
    public IList<X509Certificate2> DecryptionCertificates { get; } = [];

    /// <summary>Tolerated clock difference with IdPs. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// For <see cref="SamlProfileSignIns"/> only: whether IdP-initiated (unsolicited) responses are accepted there. Default
    /// false. <see cref="SamlSignInProtocol"/> ignores it: IdP-initiated sign-in is allowed per profile with
    /// <c>SamlIdpSettings.AllowIdpInitiatedSignIn</c>.
    /// </summary>
    public bool AllowUnsolicitedResponses { get; set; }

    /// <summary>For <see cref="SamlProfileLogouts"/> only: the base of the per-profile single logout URLs, for example <c>https://app.example/saml/slo</c>; null disables SLO.</summary>
    public Uri? SingleLogoutServiceBaseUrl { get; set; }

    /// <summary>The single logout URL of one profile.</summary>
    /// <param name="profileId">The profile.</param>
    public string SingleLogoutServiceUrl(FederationKit.Directories.IdpProfileId profileId) =>
        (SingleLogoutServiceBaseUrl ?? throw new InvalidOperationException("SingleLogoutServiceBaseUrl is not set.")).OriginalString.TrimEnd('/') + "/" + profileId;

    /// <summary>The ACS URL of one profile.</summary>
    /// <param name="profileId">The profile.</param>
    public string AssertionConsumerServiceUrl(FederationKit.Directories.IdpProfileId profileId) =>
        (AssertionConsumerServiceBaseUrl ?? throw new InvalidOperationException("AssertionConsumerServiceBaseUrl is not set.")).OriginalString.TrimEnd('/') + "/" + profileId;

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Saml</c>.</summary>
    public const string ConfigurationSection = "Saml";

    /// <summary>The rules of these settings, run at host start.</summary>
    internal static void Check(SamlSignInOptions options, OptionsCheck check)
    {
        check.Require(options.ClockSkew >= TimeSpan.Zero && options.ClockSkew <= TimeSpan.FromMinutes(10), nameof(ClockSkew), "must be between 0 and 10 minutes.");
        check.Require(options.AssertionConsumerServiceBaseUrl is null || options.AssertionConsumerServiceBaseUrl.IsAbsoluteUri, nameof(AssertionConsumerServiceBaseUrl), "must be an absolute URL.");
        check.Require(options.SingleLogoutServiceBaseUrl is null || options.SingleLogoutServiceBaseUrl.IsAbsoluteUri, nameof(SingleLogoutServiceBaseUrl), "must be an absolute URL.");
        check.Require(options.SigningCertificate is null || options.SigningCertificate.HasPrivateKey, nameof(SigningCertificate), "must carry its private key.");
        check.Require(options.DecryptionCertificates.All(c => c is not null && c.HasPrivateKey), nameof(DecryptionCertificates), "must each carry their private key.");
    }
}
