namespace FederationKit.Saml.SignIn;

/// <summary>
/// The keys under which <see cref="SamlSignInProtocol"/> keeps a SAML session's logout data in
/// <c>ValidatedSignIn.SessionData</c>: the NameID exactly as the assertion gave it, and the SessionIndex. Absent values have
/// no key.
/// </summary>
public static class SamlSessionDataKeys
{
    /// <summary>The NameID value.</summary>
    public const string NameId = "saml.name_id";

    /// <summary>The NameID Format attribute.</summary>
    public const string NameIdFormat = "saml.name_id.format";

    /// <summary>The NameID NameQualifier attribute.</summary>
    public const string NameQualifier = "saml.name_id.name_qualifier";

    /// <summary>The NameID SPNameQualifier attribute.</summary>
    public const string SpNameQualifier = "saml.name_id.sp_name_qualifier";

    /// <summary>The AuthnStatement's SessionIndex.</summary>
    public const string SessionIndex = "saml.session_index";
}
