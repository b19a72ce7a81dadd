using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace FederationKit.Saml.Tests;

/// <summary>
/// Replaces the Assertion of a test Response with an EncryptedAssertion the way an IdP does (XML Encryption 1.1): a fresh
/// AES content key encrypts the serialized assertion, and the SP's RSA public key wraps the content key.
/// </summary>
internal static class SamlAssertionEncryptor
{
    public const string Aes128Cbc = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public const string Aes192Cbc = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
    public const string Aes256Cbc = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
    public const string Aes128Gcm = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public const string Aes192Gcm = "http://www.w3.org/2009/xmlenc11#aes192-gcm";
    public const string Aes256Gcm = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public const string TripleDes = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc";
    public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public const string RsaOaepSha256 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public const string Rsa15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";

    /// <summary>Encrypts the document's assertion in place for <paramref name="sp"/>; <paramref name="plaintext"/> overrides what is encrypted.</summary>
    public static XmlDocument Encrypt(XmlDocument document, X509Certificate2 sp, string content = Aes256Cbc, string keyTransport = RsaOaepMgf1p, string? plaintext = null) =>
        EncryptElement(document, SamlResponseBuilder.Element(document, "Assertion"), "EncryptedAssertion", sp, content, keyTransport, plaintext);

    /// <summary>Replaces <paramref name="element"/> with saml:<paramref name="wrapper"/> (EncryptedAssertion, EncryptedID) holding it encrypted.</summary>
    public static XmlDocument EncryptElement(XmlDocument document, XmlElement element, string wrapper, X509Certificate2 sp, string content = Aes256Cbc, string keyTransport = RsaOaepMgf1p, string? plaintext = null)
    {
        var assertion = element; // the element to hide
        var bytes = Encoding.UTF8.GetBytes(plaintext ?? assertion.OuterXml);
        var key = RandomNumberGenerator.GetBytes(content.Contains("aes128", StringComparison.Ordinal) ? 16 : content == TripleDes || content.Contains("aes192", StringComparison.Ordinal) ? 24 : 32);
        var cipher = content.EndsWith("gcm", StringComparison.Ordinal) ? Gcm(key, bytes) : Cbc(key, bytes, content == TripleDes);
        using var rsa = sp.GetRSAPublicKey()!;
        var (padding, oaepParameters) = keyTransport switch
        {
            Rsa15 => (RSAEncryptionPadding.Pkcs1, string.Empty),
            RsaOaepSha256 => (RSAEncryptionPadding.OaepSHA256, """<ds:DigestMethod xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><xenc11:MGF xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" Algorithm="http://www.w3.org/2009/xmlenc11#mgf1sha256"/>"""),
            _ => (RSAEncryptionPadding.OaepSHA1, """<ds:DigestMethod xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>"""),
        };
        var wrapped = rsa.Encrypt(key, padding);
        var xml = $"""<saml:{wrapper} xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="{content}"/><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{keyTransport}">{oaepParameters}</xenc:EncryptionMethod><xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(wrapped)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(cipher)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:{wrapper}>""";
        var fragment = new XmlDocument { PreserveWhitespace = true };
        fragment.LoadXml(xml);
        assertion.ParentNode!.ReplaceChild(document.ImportNode(fragment.DocumentElement!, deep: true), assertion);
        return document;
    }

    /// <summary>Flips one bit of the content ciphertext (after the IV).</summary>
    public static XmlDocument TamperContent(XmlDocument document)
    {
        var values = document.GetElementsByTagName("CipherValue", "http://www.w3.org/2001/04/xmlenc#");
        var content = (XmlElement)values[values.Count - 1]!;
        var bytes = Convert.FromBase64String(content.InnerText);
        bytes[^20] ^= 0x01;
        content.InnerText = Convert.ToBase64String(bytes);
        return document;
    }

#pragma warning disable CA5350 // Triple DES is produced only to prove that the validator refuses it
    private static byte[] Cbc(byte[] key, byte[] plain, bool tripleDes)
    {
        using SymmetricAlgorithm cipher = tripleDes ? TripleDES.Create() : Aes.Create();
        cipher.Key = key;
        var iv = RandomNumberGenerator.GetBytes(cipher.BlockSize / 8);
        return [.. iv, .. cipher.EncryptCbc(plain, iv, PaddingMode.ISO10126)];
    }
#pragma warning restore CA5350

    private static byte[] Gcm(byte[] key, byte[] plain)
    {
        using var gcm = new AesGcm(key, 16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        gcm.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. cipher, .. tag];
    }
}
