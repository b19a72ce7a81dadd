using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Decrypts an EncryptedAssertion (XML Encryption 1.1) with the SP's keys: the content key is transported with RSA-OAEP
/// (MGF1 with SHA-1, or SHA-256 via <c>xmlenc11#rsa-oaep</c>); RSA PKCS#1 v1.5 key transport is refused unless allowed
/// (it is open to padding-oracle attacks); content is AES-128/192/256 in CBC or GCM. The decrypted assertion is parsed with the
/// same safe settings as the response.
/// </summary>
internal static class SamlAssertionDecryptor
{
    private const string XmlEnc = "http://www.w3.org/2001/04/xmlenc#";
    private const string XmlEnc11 = "http://www.w3.org/2009/xmlenc11#";
    private const string RsaOaepMgf1p = XmlEnc + "rsa-oaep-mgf1p";
    private const string RsaOaep = XmlEnc11 + "rsa-oaep";
    private const string Rsa15 = XmlEnc + "rsa-1_5";

    /// <summary>Decrypts the EncryptedData inside <paramref name="encryptedAssertion"/>; the plaintext must be one <paramref name="expected"/> element of the SAML assertion namespace (an Assertion, or a NameID inside an EncryptedID).</summary>
    public static Result<XmlElement> Decrypt(XmlElement encryptedAssertion, IReadOnlyList<X509Certificate2> decryptionCertificates, bool allowRsaPkcs1, int maxLength, string expected = "Assertion")
    {
        var encryptedData = encryptedAssertion.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "EncryptedData" && e.NamespaceURI == XmlEnc);
        if (encryptedData is null)
        {
            return Fail();
        }

        var dataAlgorithm = Child(encryptedData, XmlEnc, "EncryptionMethod")?.GetAttribute("Algorithm");
        var encryptedKey = encryptedData.GetElementsByTagName("EncryptedKey", XmlEnc).OfType<XmlElement>().FirstOrDefault()
            ?? encryptedAssertion.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "EncryptedKey" && e.NamespaceURI == XmlEnc);
        if (encryptedKey is null)
        {
            return Fail();
        }

        var keyMethod = Child(encryptedKey, XmlEnc, "EncryptionMethod");
        var keyAlgorithm = keyMethod?.GetAttribute("Algorithm");
        RSAEncryptionPadding? padding = keyAlgorithm switch
        {
            RsaOaepMgf1p => RSAEncryptionPadding.OaepSHA1,
            RsaOaep => OaepOf(keyMethod!),
            Rsa15 when allowRsaPkcs1 => RSAEncryptionPadding.Pkcs1,
            _ => null,
        };
        if (padding is null)
        {
            return new FederationError(SamlErrorCodes.EncryptionAlgorithmNotAllowed, "The key transport algorithm is not allowed.").WithDetail("algorithm", keyAlgorithm ?? string.Empty);
        }

        if (dataAlgorithm is not (XmlEnc + "aes128-cbc" or XmlEnc + "aes192-cbc" or XmlEnc + "aes256-cbc" or XmlEnc11 + "aes128-gcm" or XmlEnc11 + "aes192-gcm" or XmlEnc11 + "aes256-gcm"))
        {
            return new FederationError(SamlErrorCodes.EncryptionAlgorithmNotAllowed, "The content encryption algorithm is not allowed.").WithDetail("algorithm", dataAlgorithm ?? string.Empty);
        }

        if (!TryCipher(encryptedKey, out var wrappedKey) || !TryCipher(encryptedData, out var cipher))
        {
            return Fail();
        }

        foreach (var certificate in decryptionCertificates)
        {
            using var rsa = certificate.GetRSAPrivateKey();
            if (rsa is null)
            {
                continue;
            }

            byte[] key;
            try
            {
                key = rsa.Decrypt(wrappedKey, padding);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var plain = key.Length == KeyLengthOf(dataAlgorithm) ? DecryptContent(dataAlgorithm, key, cipher) : null;
            if (plain is null)
            {
                continue; // a wrong key may unwrap to garbage under PKCS#1 v1.5; try the next one
            }

            return ParseAssertion(encryptedAssertion, Encoding.UTF8.GetString(plain), maxLength, expected);
        }

        return Fail();
    }

    private static int KeyLengthOf(string algorithm) =>
        algorithm.Contains("aes128", StringComparison.Ordinal) ? 16 : algorithm.Contains("aes192", StringComparison.Ordinal) ? 24 : 32;

    private static RSAEncryptionPadding? OaepOf(XmlElement method)
    {
        var digest = method.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "DigestMethod")?.GetAttribute("Algorithm");
        var mgf = method.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "MGF")?.GetAttribute("Algorithm");
        return (digest, mgf) switch
        {
            (null or "http://www.w3.org/2000/09/xmldsig#sha1", null or XmlEnc11 + "mgf1sha1") => RSAEncryptionPadding.OaepSHA1,
            ("http://www.w3.org/2001/04/xmlenc#sha256", XmlEnc11 + "mgf1sha256") => RSAEncryptionPadding.OaepSHA256,
            _ => null, // .NET pairs the OAEP digest with the same MGF1 digest; other pairs are refused
        };
    }

    private static byte[]? DecryptContent(string algorithm, byte[] key, byte[] cipher)
    {
        try
        {
            if (algorithm.EndsWith("-gcm", StringComparison.Ordinal))
            {
                if (cipher.Length < 12 + 16)
                {
                    return null;
                }

                using var gcm = new AesGcm(key, 16);
                var plain = new byte[cipher.Length - 28];
                gcm.Decrypt(cipher.AsSpan(0, 12), cipher.AsSpan(12, plain.Length), cipher.AsSpan(cipher.Length - 16), plain);
                return plain;
            }

            using var aes = Aes.Create();
            aes.Key = key;
            if (cipher.Length < 32 || cipher.Length % 16 != 0)
            {
                return null;
            }

            var padded = aes.DecryptCbc(cipher.AsSpan(16), cipher.AsSpan(0, 16), PaddingMode.None);
            var pad = padded[^1];
            return pad is >= 1 and <= 16 ? padded[..^pad] : null; // XML Encryption padding: only the last byte is defined
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static Result<XmlElement> ParseAssertion(XmlElement encryptedAssertion, string xml, int maxLength, string expected)
    {
        if (xml.Length > maxLength)
        {
            return Fail();
        }

        // The plaintext may use prefixes declared on the Response (xmlsec and others serialize the element alone).
        var names = new NameTable();
        var scope = new XmlNamespaceManager(names);
        foreach (var (prefix, uri) in InScopeNamespaces(encryptedAssertion))
        {
            scope.AddNamespace(prefix, uri);
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreProcessingInstructions = false };
        var fragment = new XmlDocument(names) { PreserveWhitespace = true, XmlResolver = null };
        if (SamlDocumentReader.Load(fragment, XmlReader.Create(new StringReader(xml), settings, new XmlParserContext(names, scope, null, XmlSpace.None))) is not null)
        {
            return Fail(); // too deep, a DTD, or not well-formed: one code, as for every other failure after decryption
        }

        var root = fragment.DocumentElement;
        if (root is null || root.LocalName != expected || root.NamespaceURI != SamlNames.Assertion
            || SamlXml.Nodes(fragment).Any(n => n.NodeType == XmlNodeType.ProcessingInstruction) || fragment.DocumentType is not null)
        {
            return Fail();
        }

        return (XmlElement)encryptedAssertion.OwnerDocument.ImportNode(root, deep: true);
    }

    private static Dictionary<string, string> InScopeNamespaces(XmlElement element)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (XmlNode? node = element; node is XmlElement current; node = current.ParentNode)
        {
            foreach (XmlAttribute attribute in current.Attributes)
            {
                if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                {
                    found.TryAdd(attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty, attribute.Value);
                }
            }
        }

        return found;
    }

    private static bool TryCipher(XmlElement parent, out byte[] value)
    {
        value = [];
        var cipherValue = parent.GetElementsByTagName("CipherValue", XmlEnc).OfType<XmlElement>().FirstOrDefault(e => e.ParentNode?.ParentNode == parent);
        if (cipherValue is null)
        {
            return false;
        }

        var text = SamlXml.Text(cipherValue);

        try
        {
            value = Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static XmlElement? Child(XmlElement parent, string ns, string name) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == ns);

    // One message for every failure after the algorithm check: distinct messages would hand an attacker who tampers with
    // CBC ciphertext an oracle (padding error versus parse error).
    private static FederationError Fail() => new(SamlErrorCodes.DecryptionFailed, "The encrypted assertion cannot be decrypted with the SP's keys.");
}
