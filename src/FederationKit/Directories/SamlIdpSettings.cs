using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace FederationKit.Directories;

/// <summary>The configuration of a SAML 2.0 identity provider. Holds no secrets (certificates are public).</summary>
public sealed record SamlIdpSettings : IJsonOnDeserializing
{
    private SamlUsernameSource _usernameSource = SamlUsernameSource.NameId;

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

    /// <summary>
    /// The URL the IdP's metadata was imported from, if it was (<c>SamlIdpMetadataClient.ImportAsync</c> sets it). A metadata
    /// refresher (<c>AddSamlMetadataRefresh</c> with <c>AddBackgroundWorkers</c>) reads it again on a schedule and takes new signing
    /// certificates and endpoints without an administrator; null for a profile entered by hand or from a file. An absolute https
    /// URL (http only on loopback).
    /// </summary>
    public Uri? MetadataUrl { get; init; }

    /// <summary>The NameID format requested and expected (for example <c>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</c>); null accepts the IdP's choice.</summary>
    public string? NameIdFormat { get; init; }

    /// <summary>Whether authentication requests are signed. Default true.</summary>
    public bool SignRequests { get; init; } = true;

    /// <summary>Whether assertions must arrive encrypted. Default false.</summary>
    public bool WantEncryptedAssertions { get; init; }

    // Per-IdP validation policy (security round 2), each with a secure default.

    /// <summary>The smallest accepted RSA signing key of the IdP, in bits. Default 2048; 1024 is a legacy opt-in (between 1024 and 16384).</summary>
    public int MinimumRsaKeySize { get; init; } = 2048;

    /// <summary>Whether RSA PKCS#1 v1.5 key transport is accepted in encrypted assertions (padding-oracle risk). Default false.</summary>
    public bool AllowRsaPkcs1KeyTransport { get; init; }

    /// <summary>Whether an assertion without an AuthnStatement is refused. Default true; some IdP configurations omit it.</summary>
    public bool RequireAuthnStatement { get; init; } = true;

    /// <summary>Whether the Assertion itself must be signed (a signature over the Response alone is then not enough). Default false.</summary>
    public bool RequireSignedAssertion { get; init; }

    /// <summary>Audiences accepted besides the SP entity ID, for example Entra ID's <c>spn:&lt;application id&gt;</c>. Default none.</summary>
    public ImmutableArray<string> AdditionalAudiences { get; init; } = [];

    /// <summary>
    /// The longest accepted assertion lifetime (latest NotOnOrAfter minus IssueInstant); it also bounds how long assertion
    /// IDs are remembered against replay. Default 2 hours; between 1 minute and 24 hours.
    /// </summary>
    public TimeSpan MaximumAssertionLifetime { get; init; } = TimeSpan.FromHours(2);

    // Attribute mapping (issue 20): where the username, email, names and groups are read from.

    /// <summary>
    /// Where the username of a first sign-in comes from. Default <see cref="SamlUsernameSource.NameId"/> for a new profile;
    /// a profile stored (as JSON) before this setting existed reads as <see cref="SamlUsernameSource.EmailLocalPart"/>, so
    /// directories that already have members keep naming new ones the same way.
    /// </summary>
    public SamlUsernameSource UsernameSource { get => _usernameSource; init => _usernameSource = value; }

    /// <summary>The attribute (Name or FriendlyName, case-insensitive) that carries the username; required when <see cref="UsernameSource"/> is <see cref="SamlUsernameSource.Attribute"/>.</summary>
    public string? UsernameAttribute { get; init; }

    /// <summary>The attribute that carries the email; null reads the names common IdPs use (<c>email</c>, <c>mail</c>, the WS-Federation and LDAP OID names). An email-format NameID is the fallback either way.</summary>
    public string? EmailAttribute { get; init; }

    /// <summary>The attribute that carries the given name; null reads the common names (<c>givenname</c>, <c>firstname</c>, …).</summary>
    public string? GivenNameAttribute { get; init; }

    /// <summary>The attribute that carries the surname; null reads the common names (<c>surname</c>, <c>sn</c>, <c>lastname</c>, …).</summary>
    public string? SurnameAttribute { get; init; }

    /// <summary>The attribute that carries group values; null reads the common names (<c>groups</c>, <c>memberof</c>, …).</summary>
    public string? GroupsAttribute { get; init; }

    /// <summary>
    /// The attribute (Name or FriendlyName, case-insensitive) whose single value identifies the user, for example Entra ID's
    /// <c>http://schemas.microsoft.com/identity/claims/objectidentifier</c>; null (the default) identifies users by the NameID.
    /// The identity's subject format is then <see cref="AttributeSubjectFormat"/> of the name, so members keyed by the NameID
    /// and members keyed by the attribute are never taken for one another.
    /// </summary>
    public string? UserIdAttribute { get; init; }

    /// <summary>
    /// Whether IdP-initiated (unsolicited) responses are accepted at this profile's ACS. Default false. An IdP-initiated
    /// response answers no request of the browser that receives it, so it is inherently open to login CSRF (an attacker can
    /// sign a victim's browser in as the attacker); enable it only for an IdP whose users start from its portal.
    /// </summary>
    public bool AllowIdpInitiatedSignIn { get; init; }

    /// <summary>The subject format of identities keyed by the attribute <paramref name="attribute"/> (see <see cref="UserIdAttribute"/>).</summary>
    /// <param name="attribute">The attribute name as configured.</param>
    public static string AttributeSubjectFormat(string attribute) => "urn:federationkit:saml:attribute:" + attribute;

    /// <summary>The subject format identities of this profile carry: the attribute's when <see cref="UserIdAttribute"/> is set, else <see cref="NameIdFormat"/> (null when the IdP chooses).</summary>
    public string? ExpectedSubjectFormat() => UserIdAttribute is { } attribute ? AttributeSubjectFormat(attribute) : NameIdFormat;

    /// <summary>Called by System.Text.Json before a stored profile's fields are read: a stored profile without <see cref="UsernameSource"/> predates it and keeps the email's local part.</summary>
    void IJsonOnDeserializing.OnDeserializing() => _usernameSource = SamlUsernameSource.EmailLocalPart;
}
