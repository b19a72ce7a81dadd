using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.SignIn;

namespace FederationKit.Saml;

/// <summary>What a validated SAML response says, read only from the element whose signature was verified.</summary>
public sealed record SamlAssertion
{
    private static readonly string[] EmailNames = ["email", "mail", "emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"];
    private static readonly string[] GivenNameNames = ["givenname", "firstname", "given_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"];
    private static readonly string[] SurnameNames = ["surname", "sn", "lastname", "family_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4"];
    private static readonly string[] GroupNames = ["groups", "group", "memberof", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "http://schemas.xmlsoap.org/claims/Group", "urn:oid:1.3.6.1.4.1.5923.1.5.1.1"];

    /// <summary>The IdP entity ID (the assertion's Issuer).</summary>
    public required string Issuer { get; init; }

    /// <summary>The assertion ID (kept in the replay cache until it expires).</summary>
    public required string AssertionId { get; init; }

    /// <summary>The subject's NameID.</summary>
    public required SamlNameId NameId { get; init; }

    /// <summary>The AuthnStatement's SessionIndex (needed for single logout), if any.</summary>
    public string? SessionIndex { get; init; }

    /// <summary>
    /// The AuthnStatement's SessionNotOnOrAfter, if any: when the IdP wants the SP session to end. A host should not let
    /// its own session outlive it.
    /// </summary>
    public DateTimeOffset? SessionNotOnOrAfter { get; init; }

    /// <summary>When the user authenticated (AuthnStatement AuthnInstant), if given.</summary>
    public DateTimeOffset? AuthnInstant { get; init; }

    /// <summary>The AuthnContextClassRef, if given.</summary>
    public string? AuthnContextClassRef { get; init; }

    /// <summary>The end of the assertion's validity (Conditions NotOnOrAfter), if given.</summary>
    public DateTimeOffset? NotOnOrAfter { get; init; }

    /// <summary>The request this response answers; null for an unsolicited response.</summary>
    public string? InResponseTo { get; init; }

    /// <summary>Every attribute, in document order.</summary>
    public ImmutableArray<SamlAttributeValues> Attributes { get; init; } = [];

    /// <summary>The email, from the attribute names common IdPs use (Entra ID, Okta, ADFS, Google, Shibboleth), else an email-format NameID.</summary>
    public string? Email => First(EmailNames) ?? EmailFromNameId;

    /// <summary>The given name, from common attribute names.</summary>
    public string? GivenName => First(GivenNameNames);

    /// <summary>The surname, from common attribute names.</summary>
    public string? Surname => First(SurnameNames);

    /// <summary>The group values, from common attribute names.</summary>
    public ImmutableArray<string> Groups => [.. Attributes.Where(a => Matches(a, GroupNames)).SelectMany(a => a.Values)];

    /// <summary>The values of one attribute by name or friendly name (case-insensitive).</summary>
    /// <param name="name">The attribute name or friendly name.</param>
    public ImmutableArray<string> ValuesOf(string name) => [.. Attributes.Where(a => Matches(a, [name])).SelectMany(a => a.Values)];

    /// <summary>
    /// The identity in the form the directory and sign-in services consume (Subject = NameID, SubjectFormat = its format),
    /// with the common attribute names and no username (just-in-time provisioning then uses the email's local part).
    /// </summary>
    /// <param name="fallbackTime">The time to use when the assertion has no AuthnInstant.</param>
    public FederatedIdentity ToFederatedIdentity(DateTimeOffset fallbackTime) =>
        Identity(fallbackTime, Email, GivenName, Surname, Groups, username: null);

    /// <summary>
    /// The identity read with a directory profile's attribute mapping: the username from the NameID, the profile's username
    /// attribute or nowhere (<see cref="SamlIdpSettings.UsernameSource"/>), and email, names and groups from the profile's
    /// attribute names where it sets them (the common names otherwise).
    /// </summary>
    /// <param name="fallbackTime">The time to use when the assertion has no AuthnInstant.</param>
    /// <param name="profile">The SAML settings of the profile the response arrived through.</param>
    public FederatedIdentity ToFederatedIdentity(DateTimeOffset fallbackTime, SamlIdpSettings profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var email = (profile.EmailAttribute is { } emailName ? First([emailName]) : First(EmailNames)) ?? EmailFromNameId;
        var givenName = profile.GivenNameAttribute is { } givenNameName ? First([givenNameName]) : GivenName;
        var surname = profile.SurnameAttribute is { } surnameName ? First([surnameName]) : Surname;
        var groups = profile.GroupsAttribute is { } groupsName ? ValuesOf(groupsName) : Groups;
        var username = profile.UsernameSource switch
        {
            SamlUsernameSource.NameId => NameId.Value,
            SamlUsernameSource.Attribute when profile.UsernameAttribute is { } usernameName => First([usernameName]),
            _ => null,
        };
        return Identity(fallbackTime, email, givenName, surname, groups, username);
    }

    private string? EmailFromNameId => NameId.Format == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" ? NameId.Value : null;

    private FederatedIdentity Identity(DateTimeOffset fallbackTime, string? email, string? givenName, string? surname, ImmutableArray<string> groups, string? username) =>
        new(IdentityProtocol.Saml, Issuer, NameId.Value, NameId.Format ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", AuthnInstant ?? fallbackTime)
        {
            Email = email,
            EmailVerified = true, // The directory's own enterprise IdP asserts its users' emails; SAML has no verification flag.
            GivenName = givenName,
            FamilyName = surname,
            Username = username,
            Groups = groups,
            SessionIndex = SessionIndex,
            SessionNotOnOrAfter = SessionNotOnOrAfter,
            Attributes = Attributes.GroupBy(a => a.Name, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.SelectMany(a => a.Values).ToImmutableArray(), StringComparer.Ordinal),
        };

    private string? First(string[] names) => Attributes.Where(a => Matches(a, names)).SelectMany(a => a.Values).FirstOrDefault(v => v.Length > 0);

    private static bool Matches(SamlAttributeValues attribute, string[] names) =>
        names.Any(n => string.Equals(attribute.Name, n, StringComparison.OrdinalIgnoreCase) || string.Equals(attribute.FriendlyName, n, StringComparison.OrdinalIgnoreCase));
}
