using FederationKit.Saml.Metadata;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>Reading IdP metadata: what is taken from it, and every document refused with its code.</summary>
public sealed class SamlIdpMetadataReaderTests
{
    private static readonly DateTimeOffset Now = SamlResponseBuilder.Now;
    private static readonly string TwoKeys = IdpMetadataXml.Key(SamlTestKeys.PreviousSp) + IdpMetadataXml.Key(SamlTestKeys.Idp, use: null) + IdpMetadataXml.Key(SamlTestKeys.Sp, use: "encryption");

    [Test]
    public void Read_EntityDescriptor_TakesKeysEndpointsFormatsAndLifetime()
    {
        var xml = IdpMetadataXml.Entity(validUntil: "2026-03-08T00:00:00Z", cacheDuration: "PT6H", keys: TwoKeys);

        var result = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions(), Now);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var idp = result.Value;
        Assert.Multiple(() =>
        {
            Assert.That(idp.EntityId, Is.EqualTo(IdpMetadataXml.EntityId));
            Assert.That(idp.SigningCertificates.Select(c => c.Subject), Is.EqualTo(new[] { "CN=old.app.example", "CN=idp.acme.example" }), "signing and unqualified keys, not the encryption key");
            Assert.That(idp.SingleSignOnUrlRedirect, Is.EqualTo(new Uri("https://idp.acme.example/sso/redirect")));
            Assert.That(idp.SingleSignOnUrlPost, Is.EqualTo(new Uri("https://idp.acme.example/sso/post")));
            Assert.That(idp.SingleLogoutUrlRedirect, Is.EqualTo(new Uri("https://idp.acme.example/slo")));
            Assert.That(idp.SingleLogoutUrlPost, Is.Null);
            Assert.That(idp.NameIdFormats, Is.EqualTo(new[] { "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" }));
            Assert.That(idp.WantAuthnRequestsSigned, Is.True);
            Assert.That(idp.ValidUntil, Is.EqualTo(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(idp.CacheDuration, Is.EqualTo(TimeSpan.FromHours(6)));
            Assert.That(idp.SignatureVerified, Is.False);
        });
        var profile = idp.ToProfileSettings();
        Assert.That((profile.EntityId, profile.SigningCertificates.Length, profile.NameIdFormat, profile.SignRequests), Is.EqualTo((IdpMetadataXml.EntityId, 2, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", true)));
    }

    [Test]
    public async Task Read_ThenValidate_AcceptsAResponseSignedWithTheSecondKey()
    {
        var idp = SamlIdpMetadataReader.Read(IdpMetadataXml.Entity(keys: TwoKeys), new SamlIdpMetadataReadOptions(), Now).Value.ToIdentityProviderOptions();
        var harness = new SamlValidatorHarness();
        var validator = new SamlResponseValidator(harness.Sp, idp, harness.Store, harness.Clock);

        var result = await validator.ValidateAsync(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed()));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
    }

    [Test]
    public void Read_EntitiesDescriptor_NeedsTheEntityIdWhenItHoldsSeveralIdps()
    {
        var xml = IdpMetadataXml.Entities(
            IdpMetadataXml.Entity("https://idp.other.example/", keys: IdpMetadataXml.Key(SamlTestKeys.Attacker), id: "_o"),
            IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp)));

        var unnamed = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions(), Now);
        var named = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions { EntityId = IdpMetadataXml.EntityId }, Now);
        var unknown = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions { EntityId = "https://nobody.example/" }, Now);

        Assert.That(unnamed.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.EntityNotFound));
        Assert.That(named.Value.SigningCertificates.Single().Subject, Is.EqualTo("CN=idp.acme.example"));
        Assert.That(unknown.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.EntityNotFound));
    }

    [Test]
    public void Read_SignedByTheFederationKey_IsVerified()
    {
        var options = new SamlIdpMetadataReadOptions();
        options.MetadataSigningCertificates.Add(SamlTestKeys.Sp);
        var signed = IdpMetadataXml.Signed(IdpMetadataXml.Entity(keys: TwoKeys), SamlTestKeys.Sp);

        var result = SamlIdpMetadataReader.Read(signed, options, Now);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.SignatureVerified, Is.True);
    }

    [Test]
    public void Read_SignedAggregate_VerifiesTheRootAndReadsTheEntityInside()
    {
        var options = new SamlIdpMetadataReadOptions { EntityId = IdpMetadataXml.EntityId };
        options.MetadataSigningCertificates.Add(SamlTestKeys.Sp);
        var signed = IdpMetadataXml.Signed(IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: TwoKeys)), SamlTestKeys.Sp);

        Assert.That(SamlIdpMetadataReader.Read(signed, options, Now).IsSuccess, Is.True);
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        var good = IdpMetadataXml.Entity(keys: TwoKeys);
        yield return Case("validUntil passed", IdpMetadataXml.Entity(validUntil: "2026-03-01T08:59:59Z", keys: TwoKeys), SamlMetadataErrorCodes.Expired);
        yield return Case("validUntil of the aggregate passed", IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: TwoKeys)).Replace("ID=\"_all\"", "ID=\"_all\" validUntil=\"2026-02-01T00:00:00Z\"", StringComparison.Ordinal), SamlMetadataErrorCodes.Expired);
        yield return Case("DTD", "<!DOCTYPE x [<!ENTITY e \"x\">]>" + good, SamlMetadataErrorCodes.Malformed);
        yield return Case("processing instruction", good.Replace("<md:IDPSSODescriptor", "<?evil x?><md:IDPSSODescriptor", StringComparison.Ordinal), SamlMetadataErrorCodes.Malformed);
        yield return Case("not XML", "{\"issuer\":\"x\"}", SamlMetadataErrorCodes.Malformed);
        yield return Case("not metadata", "<html><body>Sign in</body></html>", SamlMetadataErrorCodes.Malformed);
        yield return Case("duplicate IDs", IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: TwoKeys, id: "_all")), SamlMetadataErrorCodes.Malformed);
        yield return Case("an SP's metadata", good.Replace("IDPSSODescriptor", "SPSSODescriptor", StringComparison.Ordinal), SamlMetadataErrorCodes.EntityNotFound);
        yield return Case("SAML 1.1 only", good.Replace("protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"", "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\"", StringComparison.Ordinal), SamlMetadataErrorCodes.EntityNotFound);
        yield return Case("only an encryption key", IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp, "encryption")), SamlMetadataErrorCodes.NoSigningKey);
        yield return Case("only a 1024-bit key", IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Weak)), SamlMetadataErrorCodes.NoSigningKey);
        yield return Case("certificate not base64", IdpMetadataXml.Entity(keys: "<md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%%%</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"), SamlMetadataErrorCodes.NoSigningKey);
        yield return Case("unsigned though a key is configured", good, SamlMetadataErrorCodes.NotSigned, signingKeyConfigured: true);
        yield return Case("signed by another key", IdpMetadataXml.Signed(good, SamlTestKeys.Attacker), SamlErrorCodes.SignatureInvalid, signingKeyConfigured: true);
        yield return Case("signing key swapped after signing", IdpMetadataXml.Signed(good, SamlTestKeys.Sp).Replace(Convert.ToBase64String(SamlTestKeys.Idp.RawData, Base64FormattingOptions.InsertLineBreaks), Convert.ToBase64String(SamlTestKeys.Attacker.RawData, Base64FormattingOptions.InsertLineBreaks), StringComparison.Ordinal), SamlErrorCodes.SignatureInvalid, signingKeyConfigured: true);
        yield return Case("attacker entity beside the signed one in an unsigned aggregate", IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Attacker), id: "_x"), IdpMetadataXml.Signed(good, SamlTestKeys.Sp)), SamlMetadataErrorCodes.EntityNotFound, signingKeyConfigured: true);
        yield return Case("attacker entity alone in an unsigned aggregate", IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Attacker), id: "_x")), SamlMetadataErrorCodes.NotSigned, signingKeyConfigured: true);
        yield return Case("too large", good + new string(' ', 2 * 1024 * 1024), SamlMetadataErrorCodes.Malformed);
    }

    [TestCaseSource(nameof(Refusals))]
    public void Read_BadMetadata_IsRefusedWithItsCode(string xml, string expected, bool signingKeyConfigured)
    {
        var options = new SamlIdpMetadataReadOptions { EntityId = IdpMetadataXml.EntityId };
        if (signingKeyConfigured)
        {
            options.MetadataSigningCertificates.Add(SamlTestKeys.Sp);
        }

        var result = SamlIdpMetadataReader.Read(xml, options, Now);

        Assert.That(result.IsFailure ? result.Error.Code : "accepted", Is.EqualTo(expected));
    }

    private static TestCaseData Case(string name, string xml, string expected, bool signingKeyConfigured = false) =>
        new TestCaseData(xml, expected, signingKeyConfigured).SetName("Read_Refuses_" + name.Replace(' ', '_').Replace(',', '_'));
}
