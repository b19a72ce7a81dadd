using System.Xml;

namespace FederationKit.Saml.Tests.SignIn.Protocol;

/// <summary>The SP metadata the edge serves: at the entity ID URL (shared ACS) and per profile (its ACS, SLO and keys).</summary>
public sealed class SamlEdgeMetadataTests
{
    private const string Md = "urn:oasis:names:tc:SAML:2.0:metadata";

    [Test]
    public async Task Metadata_WithoutProfile_ListsTheSharedAcsAndOnlyASigningKey()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var metadata = await host.Protocol.MetadataAsync(null, SamlProtocolHost.Urls);

        Assert.That(metadata.IsSuccess, Is.True, () => metadata.Error.ToString());
        var root = Load(metadata.Value);
        Assert.That(root.GetAttribute("entityID"), Is.EqualTo(SamlResponseBuilder.SpEntityId));
        Assert.That(Locations(root, "AssertionConsumerService"), Is.EqualTo(new[] { SamlProtocolHost.Urls.SamlAssertionConsumerService.AbsoluteUri }));
        Assert.That(Locations(root, "SingleLogoutService"), Is.Empty);
        Assert.That(Uses(root), Is.EqualTo(new[] { "signing" }));
    }

    [Test]
    public async Task Metadata_WithoutEntityId_NamesTheMetadataUrl()
    {
        await using var host = await SamlProtocolHost.CreateAsync(entityId: string.Empty);

        var metadata = await host.Protocol.MetadataAsync(null, SamlProtocolHost.Urls);

        Assert.That(Load(metadata.Value).GetAttribute("entityID"), Is.EqualTo("https://app.example/federation/saml/metadata"));
    }

    [Test]
    public async Task Metadata_OfAProfile_ListsItsAcsAndSlo_AndNoEncryptionKey()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var metadata = await host.Protocol.MetadataAsync(host.ProfileId, SamlProtocolHost.Urls);

        Assert.That(metadata.IsSuccess, Is.True, () => metadata.Error.ToString());
        var root = Load(metadata.Value);
        Assert.That(root.GetAttribute("entityID"), Is.EqualTo(SamlResponseBuilder.SpEntityId));
        Assert.That(Locations(root, "AssertionConsumerService"), Is.EqualTo(new[] { host.ProfileAcs }));
        Assert.That(Locations(root, "SingleLogoutService"), Is.EqualTo(new[] { host.ProfileSlo }));
        Assert.That(Uses(root), Is.EqualTo(new[] { "signing" }));
        Assert.That(((XmlElement)root.GetElementsByTagName("SPSSODescriptor", Md)[0]!).GetAttribute("AuthnRequestsSigned"), Is.EqualTo("true"));
    }

    [Test]
    public async Task Metadata_OfAProfileThatWantsEncryptedAssertions_PublishesTheEncryptionKey()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { WantEncryptedAssertions = true });

        var metadata = await host.Protocol.MetadataAsync(host.ProfileId, SamlProtocolHost.Urls);

        Assert.That(Uses(Load(metadata.Value)), Is.EqualTo(new[] { "signing", "encryption" }));
    }

    [Test]
    public async Task Metadata_OfAnUnknownProfile_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var metadata = await host.Protocol.MetadataAsync(Directories.IdpProfileId.New(), SamlProtocolHost.Urls);

        Assert.That(metadata.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsInvalid));
    }

    private static XmlElement Load(string xml)
    {
        var document = new XmlDocument();
        document.LoadXml(xml);
        return document.DocumentElement!;
    }

    private static string[] Locations(XmlElement root, string element) =>
        [.. root.GetElementsByTagName(element, Md).Cast<XmlElement>().Select(e => e.GetAttribute("Location"))];

    private static string[] Uses(XmlElement root) =>
        [.. root.GetElementsByTagName("KeyDescriptor", Md).Cast<XmlElement>().Select(e => e.GetAttribute("use"))];
}
