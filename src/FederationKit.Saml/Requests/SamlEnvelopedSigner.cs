using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace FederationKit.Saml.Requests;

/// <summary>
/// Signs a document the SP writes itself (an AuthnRequest, the SP metadata) with an enveloped XML signature over its root
/// element: RSA-SHA256, a SHA-256 digest, exclusive canonicalization, one Reference to the root's <c>ID</c> and KeyInfo
/// carrying the certificate. The caller says where the Signature goes, because the SAML schemas fix its position.
/// </summary>
internal static class SamlEnvelopedSigner
{
    /// <summary>Signs the root element of <paramref name="xml"/> and returns the signed document.</summary>
    /// <param name="xml">A document written by FederationKit whose root element has an <c>ID</c> attribute.</param>
    /// <param name="certificate">The certificate written into KeyInfo.</param>
    /// <param name="key">The certificate's RSA private key.</param>
    /// <param name="placeAfter">
    /// Picks the child of the root the Signature follows (the Issuer of a protocol message); returning null, or passing
    /// null, makes the Signature the root's first child (metadata).
    /// </param>
    public static string Sign(string xml, X509Certificate2 certificate, RSA key, Func<XmlElement, XmlElement?>? placeAfter = null)
    {
        var document = Load(xml);
        var root = document.DocumentElement ?? throw new InvalidOperationException("The document to sign has no root element.");
        var id = root.GetAttribute("ID");
        if (id.Length == 0)
        {
            throw new InvalidOperationException("The element to sign has no ID attribute.");
        }

        var signed = new SignedXml(root) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();

        var signature = document.ImportNode(signed.GetXml(), deep: true);
        if (placeAfter?.Invoke(root) is { } previous)
        {
            root.InsertAfter(signature, previous);
        }
        else
        {
            root.PrependChild(signature);
        }

        return document.OuterXml;
    }

    private static XmlDocument Load(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        document.Load(reader);
        return document;
    }
}
