using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Metadata;

/// <summary>
/// Writes the SP's SAML metadata (an EntityDescriptor with an SPSSODescriptor): every certificate as KeyDescriptor
/// <c>use="signing"</c> and, unless other encryption certificates (or none) are given, <c>use="encryption"</c> (all of
/// them during a rollover), the ACS endpoints (HTTP-POST), the
/// single logout endpoint, the NameID format, AuthnRequestsSigned and WantAssertionsSigned; optionally signed (an <c>ID</c> on the
/// EntityDescriptor and an enveloped RSA-SHA256 signature as its first child, SAML 2.0 Metadata 3.1).
/// </summary>
public static class SamlSpMetadata
{
    /// <summary>The metadata document.</summary>
    /// <param name="sp">The SP settings.</param>
    /// <param name="certificates">The SP certificates (public part only is written).</param>
    /// <param name="singleLogoutUrl">The SP's single logout URL, if any.</param>
    /// <param name="nameIdFormat">The NameID format the SP wants, if any.</param>
    /// <param name="authnRequestsSigned">Whether the SP signs its AuthnRequests (true when a certificate is given).</param>
    /// <param name="signingCertificate">
    /// A certificate with its RSA private key to sign the document with (RSA-SHA256, SHA-256 digest, exclusive canonicalization,
    /// KeyInfo with the certificate); null leaves the metadata unsigned. It is not added as a KeyDescriptor: list it in
    /// <paramref name="certificates"/> too if the IdP should use it for requests and encryption.
    /// </param>
    /// <param name="encryptionCertificates">
    /// The certificates published as <c>use="encryption"</c> keys: null (the default) publishes <paramref name="certificates"/>;
    /// an empty list publishes none, for an SP that does not want encrypted assertions (an IdP that finds an encryption key
    /// in SP metadata may start encrypting, and ArcGIS Enterprise Portal publishes one only when encryption is wanted).
    /// </param>
    /// <exception cref="ArgumentException">The signing certificate has no RSA private key.</exception>
    public static string Create(SamlServiceProviderOptions sp, IEnumerable<X509Certificate2> certificates, string? singleLogoutUrl = null, string? nameIdFormat = null, bool? authnRequestsSigned = null, X509Certificate2? signingCertificate = null,
        IEnumerable<X509Certificate2>? encryptionCertificates = null)
    {
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(certificates);
        using var key = signingCertificate?.GetRSAPrivateKey();
        if (signingCertificate is not null && key is null)
        {
            throw new ArgumentException("The metadata signing certificate has no RSA private key.", nameof(signingCertificate));
        }

        var certs = certificates.ToList();
        var xml = new StringBuilder();
        xml.Append("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"");
        if (key is not null)
        {
            // The Reference of an enveloped signature names the signed element by its ID.
            xml.Append(" ID=\"_").Append(Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant()).Append('"');
        }

        xml.Append(" entityID=\"").Append(E(sp.EntityId)).Append("\">");
        xml.Append("<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" AuthnRequestsSigned=\"")
            .Append((authnRequestsSigned ?? certs.Count > 0) ? "true" : "false").Append("\" WantAssertionsSigned=\"true\">");
        var encryption = encryptionCertificates?.ToList() ?? certs;
        foreach (var (use, published) in new[] { ("signing", certs), ("encryption", encryption) })
        {
            foreach (var certificate in published)
            {
                xml.Append("<md:KeyDescriptor use=\"").Append(use).Append("\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .Append(Convert.ToBase64String(certificate.RawData)).Append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
            }
        }

        if (singleLogoutUrl is not null)
        {
            xml.Append("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"").Append(E(singleLogoutUrl)).Append("\"/>");
        }

        if (nameIdFormat is not null)
        {
            xml.Append("<md:NameIDFormat>").Append(E(nameIdFormat)).Append("</md:NameIDFormat>");
        }

        for (var i = 0; i < sp.AssertionConsumerServiceUrls.Count; i++)
        {
            xml.Append("<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"").Append(E(sp.AssertionConsumerServiceUrls[i]))
                .Append("\" index=\"").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"').Append(i == 0 ? " isDefault=\"true\"" : string.Empty).Append("/>");
        }

        xml.Append("</md:SPSSODescriptor></md:EntityDescriptor>");
        return key is null ? xml.ToString() : SamlEnvelopedSigner.Sign(xml.ToString(), signingCertificate!, key);
    }

    private static string E(string value) => SecurityElement.Escape(value);
}
