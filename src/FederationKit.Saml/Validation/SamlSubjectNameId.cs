using System.Xml;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The NameID of an assertion's Subject: the plain element, or the one an IdP hid in an EncryptedID (SAML 2.0 Core 2.2.4),
/// decrypted with the SP's keys under the same rules as an EncryptedAssertion. Called after the signatures were verified,
/// so the ciphertext read here is covered by the assertion's (or the Response's) signature.
/// </summary>
internal static class SamlSubjectNameId
{
    /// <summary>The NameID element, null when the Subject (or the NameID) is absent, or a refusal.</summary>
    public static Result<XmlElement?> Read(XmlElement? subject, SamlServiceProviderOptions sp)
    {
        if (subject is null)
        {
            return (XmlElement?)null;
        }

        if (SamlXml.Child(subject, SamlNames.Assertion, "NameID") is { } plain)
        {
            return plain;
        }

        if (SamlXml.Child(subject, SamlNames.Assertion, "EncryptedID") is not { } encrypted)
        {
            return (XmlElement?)null;
        }

        if (sp.DecryptionCertificates.Count == 0)
        {
            return new FederationError(SamlErrorCodes.EncryptedIdUnsupported, "The NameID is encrypted (EncryptedID), and no SP decryption certificate is configured.");
        }

        var decrypted = SamlAssertionDecryptor.Decrypt(encrypted, [.. sp.DecryptionCertificates], sp.AllowRsaPkcs1KeyTransport, sp.MaxResponseLength, "NameID");
        return decrypted.IsFailure ? decrypted.Error : decrypted.Value;
    }
}
