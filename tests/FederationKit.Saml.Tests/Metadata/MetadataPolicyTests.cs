using FederationKit.Saml.Metadata;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>IdP metadata and the per-IdP validation policy: the key-size minimum and a profile's policy kept on refresh.</summary>
public sealed class MetadataPolicyTests
{
    private static readonly DateTimeOffset Now = SamlResponseBuilder.Now;

    [Test]
    public void Read_Only1024BitKeyWithTheLegacyMinimum_KeepsIt()
    {
        var xml = IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Weak));

        var result = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions { MinimumRsaKeySize = 1024 }, Now);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.SigningCertificates.Single().Thumbprint, Is.EqualTo(SamlTestKeys.Weak.Thumbprint));
    }

    [Test]
    public void ToProfileSettings_OfAnExistingProfile_KeepsItsValidationPolicy()
    {
        var metadata = SamlIdpMetadataReader.Read(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp)), new SamlIdpMetadataReadOptions(), Now).Value;
        var current = metadata.ToProfileSettings() with
        {
            MinimumRsaKeySize = 3072,
            AllowRsaPkcs1KeyTransport = true,
            RequireAuthnStatement = false,
            RequireSignedAssertion = true,
            AdditionalAudiences = ["spn:7f2c1b4e-0000-4000-8000-000000000001"],
            MaximumAssertionLifetime = TimeSpan.FromMinutes(30),
        };

        var refreshed = metadata.ToProfileSettings(current);

        Assert.That((refreshed.MinimumRsaKeySize, refreshed.AllowRsaPkcs1KeyTransport, refreshed.RequireAuthnStatement, refreshed.RequireSignedAssertion, refreshed.MaximumAssertionLifetime),
            Is.EqualTo((3072, true, false, true, TimeSpan.FromMinutes(30))));
        Assert.That(refreshed.AdditionalAudiences, Is.EqualTo(new[] { "spn:7f2c1b4e-0000-4000-8000-000000000001" }));
    }

    [Test]
    public void ToProfileSettings_OfANewProfile_HasTheSecureDefaults()
    {
        var metadata = SamlIdpMetadataReader.Read(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp)), new SamlIdpMetadataReadOptions(), Now).Value;

        var settings = metadata.ToProfileSettings();

        Assert.That((settings.MinimumRsaKeySize, settings.AllowRsaPkcs1KeyTransport, settings.RequireAuthnStatement, settings.RequireSignedAssertion, settings.MaximumAssertionLifetime, settings.SignRequests),
            Is.EqualTo((2048, false, true, false, TimeSpan.FromHours(2), true)));
        Assert.That(settings.AdditionalAudiences, Is.Empty);
    }
}
