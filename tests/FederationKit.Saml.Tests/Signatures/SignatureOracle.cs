using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Tests.Signatures;

/// <summary>
/// Our <see cref="SamlSignatureVerifier.Verify"/> and its oracle, <see cref="SignedXml.CheckSignature(AsymmetricAlgorithm)"/>,
/// on the same signature with the same configured certificate. SignedXml learns ECDSA from
/// <see cref="EcdsaSignatureDescription"/> (registered once for the test process).
/// </summary>
internal static class SignatureOracle
{
    public const string Dsig = "http://www.w3.org/2000/09/xmldsig#";

    static SignatureOracle() => EcdsaSignatureDescription.Register();

    /// <summary>
    /// Parsed as the validator parses (SamlDocumentReader): through <see cref="XmlReader"/>, so line ends are normalized as
    /// XML 1.0 section 2.11 requires (<see cref="XmlDocument.LoadXml"/>'s legacy reader does not), whitespace preserved.
    /// </summary>
    public static XmlDocument Load(string xml) => Canonicalization.C14nOracles.Load(xml);

    /// <summary>Every ds:Signature of the document, in document order.</summary>
    public static List<XmlElement> Signatures(XmlDocument document) => [.. document.GetElementsByTagName("Signature", Dsig).Cast<XmlElement>()];

    /// <summary>The certificate in the signature's KeyInfo (tests configure it as the trusted IdP key).</summary>
    public static X509Certificate2 KeyInfoCertificate(XmlElement signature) =>
        X509CertificateLoader.LoadCertificate(Convert.FromBase64String(signature.GetElementsByTagName("X509Certificate", Dsig)[0]!.InnerText));

    /// <summary>Our verdict on the signature of its parent element.</summary>
    public static bool Ours(XmlElement signature, X509Certificate2 certificate, bool allowSha1 = false)
    {
        var keys = SamlSignatureVerifier.KeysOf([certificate]);
        try
        {
            var result = SamlSignatureVerifier.Verify((XmlElement)signature.ParentNode!, signature, keys, allowSha1);
            TestContext.Out.WriteLine(result.IsSuccess ? "ours: accepted" : "ours: " + result.Error);
            return result.IsSuccess;
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>SignedXml's verdict (an exception while loading or checking counts as a refusal).</summary>
    public static bool SignedXmlVerdict(XmlElement signature, X509Certificate2 certificate)
    {
        using var key = (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey()!;
        try
        {
            var signed = new SignedXml((XmlElement)signature.ParentNode!);
            signed.LoadXml(signature);
            return signed.CheckSignature(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
