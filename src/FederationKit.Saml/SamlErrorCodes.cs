namespace FederationKit.Saml;

/// <summary>Stable codes of every refusal of the SAML package.</summary>
public static class SamlErrorCodes
{
    /// <summary>The SP or IdP settings are invalid (detail <c>setting</c>).</summary>
    public const string SettingsInvalid = "saml.settings.invalid";

    /// <summary>The input is larger than the configured maximum.</summary>
    public const string ResponseTooLarge = "saml.response.too_large";

    /// <summary>The SAMLResponse value is not valid base64.</summary>
    public const string ResponseBase64Invalid = "saml.response.base64_invalid";

    /// <summary>The document is not well-formed XML.</summary>
    public const string ResponseMalformed = "saml.response.malformed";

    /// <summary>The document has a DTD (entities, entity expansion and external references are refused with it).</summary>
    public const string ResponseDtdProhibited = "saml.response.dtd_prohibited";

    /// <summary>The document has a processing instruction.</summary>
    public const string ResponseProcessingInstruction = "saml.response.processing_instruction";

    /// <summary>The root element is not a SAML 2.0 protocol Response.</summary>
    public const string ResponseNotAResponse = "saml.response.not_a_response";

    /// <summary>Two elements carry the same ID.</summary>
    public const string ResponseDuplicateId = "saml.response.duplicate_id";

    /// <summary>The document holds no assertion or more than one (detail <c>count</c>).</summary>
    public const string AssertionCount = "saml.response.assertion_count";

    /// <summary>The assertion is not a direct child of the Response.</summary>
    public const string AssertionMisplaced = "saml.assertion.misplaced";

    /// <summary>The assertion is encrypted and no SP decryption certificate is configured.</summary>
    public const string AssertionEncryptedUnsupported = "saml.assertion.encrypted_unsupported";

    /// <summary>The status is not Success (details <c>status</c>, <c>sub_status</c>, <c>message</c>).</summary>
    public const string StatusNotSuccess = "saml.response.status";

    /// <summary>Neither the Response nor the Assertion carries a signature.</summary>
    public const string SignatureMissing = "saml.signature.missing";

    /// <summary>A signature does not verify with any configured IdP key (detail <c>element</c>).</summary>
    public const string SignatureInvalid = "saml.signature.invalid";

    /// <summary>A signature does not have exactly one Reference to the element that holds it.</summary>
    public const string SignatureReferenceInvalid = "saml.signature.reference_invalid";

    /// <summary>A signature uses a transform other than enveloped-signature and exclusive canonicalization.</summary>
    public const string SignatureTransformNotAllowed = "saml.signature.transform_not_allowed";

    /// <summary>A signature, digest or canonicalization algorithm is outside the allow-list (detail <c>algorithm</c>).</summary>
    public const string SignatureAlgorithmNotAllowed = "saml.signature.algorithm_not_allowed";

    /// <summary>The issuer is not the configured IdP.</summary>
    public const string IssuerMismatch = "saml.issuer.mismatch";

    /// <summary>The Response's Destination is missing (on a signed Response) or not an ACS URL.</summary>
    public const string DestinationMismatch = "saml.response.destination_mismatch";

    /// <summary>No bearer SubjectConfirmation whose Recipient is an ACS URL, that is not expired and answers the right request.</summary>
    public const string SubjectConfirmationInvalid = "saml.subject.confirmation_invalid";

    /// <summary>The assertion has no NameID.</summary>
    public const string NameIdMissing = "saml.subject.name_id_missing";

    /// <summary>The assertion is not yet valid (Conditions NotBefore, with skew).</summary>
    public const string NotYetValid = "saml.conditions.not_yet_valid";

    /// <summary>The assertion has expired (Conditions NotOnOrAfter, with skew).</summary>
    public const string Expired = "saml.conditions.expired";

    /// <summary>An AudienceRestriction does not name this SP.</summary>
    public const string AudienceMismatch = "saml.conditions.audience_mismatch";

    /// <summary>InResponseTo names no request this SP issued (or it was already answered).</summary>
    public const string InResponseToUnknown = "saml.in_response_to.unknown";

    /// <summary>The response answers no request, and unsolicited (IdP-initiated) responses are not enabled.</summary>
    public const string UnsolicitedNotAllowed = "saml.response.unsolicited";

    /// <summary>The assertion ID was seen before: a replay.</summary>
    public const string AssertionReplayed = "saml.assertion.replayed";

    /// <summary>The encrypted assertion cannot be decrypted with the SP's keys, or its content is not an assertion.</summary>
    public const string DecryptionFailed = "saml.assertion.decryption_failed";

    /// <summary>The encrypted assertion uses a key transport or content algorithm outside the allow-list (detail <c>algorithm</c>).</summary>
    public const string EncryptionAlgorithmNotAllowed = "saml.assertion.encryption_algorithm_not_allowed";

    /// <summary>The assertion arrived in plain text although the SP requires encrypted assertions.</summary>
    public const string AssertionNotEncrypted = "saml.assertion.not_encrypted";

    /// <summary>The document nests elements deeper than the parser allows (64 levels); refused while parsing.</summary>
    public const string XmlTooDeep = "saml.xml.too_deep";

    /// <summary>A time attribute is not an <c>xs:dateTime</c> in UTC with the <c>Z</c> designator (details <c>element</c>, <c>attribute</c>).</summary>
    public const string TimeInvalid = "saml.time.invalid";

    /// <summary>The Subject carries an EncryptedID and no SP decryption certificate is configured.</summary>
    public const string EncryptedIdUnsupported = "saml.subject.encrypted_id_unsupported";

    // Web Browser SSO profile rules, session end, replay window and per-IdP policy (security round 2).

    /// <summary>A configured IdP signing certificate has an RSA key below the configured minimum or an ECDSA key below 256 bits (details <c>setting</c>, <c>index</c>, <c>bits</c>, <c>minimum</c>).</summary>
    public const string SettingsKeyTooSmall = "saml.settings.key_too_small";

    /// <summary>The assertion has no Conditions with an AudienceRestriction (required by the Web Browser SSO profile).</summary>
    public const string AudienceRestrictionMissing = "saml.conditions.audience_restriction_missing";

    /// <summary>The assertion has no AuthnStatement, and the SP requires one.</summary>
    public const string AuthnStatementMissing = "saml.assertion.authn_statement_missing";

    /// <summary>The AuthnStatement's SessionNotOnOrAfter has passed (with skew): the IdP session has ended.</summary>
    public const string SessionExpired = "saml.assertion.session_expired";

    /// <summary>The assertion has no valid IssueInstant, so its lifetime cannot be bounded.</summary>
    public const string IssueInstantInvalid = "saml.assertion.issue_instant_invalid";

    /// <summary>A NotOnOrAfter lies further after the IssueInstant than the maximum assertion lifetime, or the assertion is older than it (details <c>lifetime_seconds</c>, <c>maximum_seconds</c>).</summary>
    public const string LifetimeTooLong = "saml.assertion.lifetime_too_long";

    /// <summary>The NameID's SPNameQualifier names another service provider.</summary>
    public const string SpNameQualifierMismatch = "saml.subject.sp_name_qualifier_mismatch";

    /// <summary>The Assertion itself is not signed, and the SP requires signed assertions.</summary>
    public const string AssertionUnsigned = "saml.signature.assertion_unsigned";

    // Sign-in protocol (issue 16).

    /// <summary>The response's InResponseTo is missing or is not the request ID of the sign-in transaction it came back with.</summary>
    public const string InResponseToMismatch = "saml.in_response_to.mismatch";

    /// <summary>The profile keys users by an attribute (<c>UserIdAttribute</c>) that the assertion lacks or carries with several values.</summary>
    public const string UserIdAttributeMissing = "saml.user_id_attribute.missing";
}
