using System.Xml;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>Which SP certificates SP metadata publishes as signing and as encryption keys.</summary>
public sealed class SamlSpMetadataKeyTests
{
    private static SamlServiceProviderOptions Sp()
    {
        var sp = new SamlServiceProviderOptions { EntityId = SamlResponseBuilder.SpEntityId };
        sp.AssertionConsumerServiceUrls.Add(SamlResponseBuilder.AcsUrl);
        return sp;
    }

    [Test]
    public void Create_WithoutEncryptionCertificates_PublishesEveryCertificateForBothUses()
    {
        var keys = KeyDescriptors(SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp, SamlTestKeys.PreviousSp]));

        Assert.That(keys, Is.EqualTo(new[]
        {
            ("signing", SamlTestKeys.Sp.RawData), ("signing", SamlTestKeys.PreviousSp.RawData),
            ("encryption", SamlTestKeys.Sp.RawData), ("encryption", SamlTestKeys.PreviousSp.RawData),
        }));
    }

    [Test]
    public void Create_EmptyEncryptionCertificates_PublishesNoEncryptionKey()
    {
        var keys = KeyDescriptors(SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], encryptionCertificates: []));

        Assert.That(keys, Is.EqualTo(new[] { ("signing", SamlTestKeys.Sp.RawData) }));
    }

    [Test]
    public void Create_OtherEncryptionCertificates_PublishesThemAsTheEncryptionKeys()
    {
        var keys = KeyDescriptors(SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], encryptionCertificates: [SamlTestKeys.PreviousSp]));

        Assert.That(keys, Is.EqualTo(new[] { ("signing", SamlTestKeys.Sp.RawData), ("encryption", SamlTestKeys.PreviousSp.RawData) }));
    }

    /// <summary>Each KeyDescriptor's use and certificate bytes, in document order.</summary>
    internal static (string Use, byte[] Certificate)[] KeyDescriptors(string metadata)
    {
        var document = new XmlDocument();
        document.LoadXml(metadata);
        return [.. document.GetElementsByTagName("KeyDescriptor", "urn:oasis:names:tc:SAML:2.0:metadata").OfType<XmlElement>()
            .Select(k => (k.GetAttribute("use"), Convert.FromBase64String(k.GetElementsByTagName("X509Certificate", "http://www.w3.org/2000/09/xmldsig#")[0]!.InnerText)))];
    }
}
