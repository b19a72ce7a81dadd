using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using FederationKit.Saml.Tests.Metadata;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>
/// Several instances of one host (separately built service providers sharing the profile and one-time stores), each
/// loading the SP certificate from the same PEM file as a host would: they publish the same SP keys, and an assertion
/// encrypted for one instance is read by another. An instance with its own generated certificate cannot.
/// </summary>
public sealed class SamlSharedCertificateTests
{
    private string _pem = null!;

    [SetUp]
    public void WritePem()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=app.example shared SP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _pem = Path.Combine(Path.GetTempPath(), "fedkit-sp-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(_pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
    }

    [TearDown]
    public void DeletePem() => File.Delete(_pem);

    [Test]
    public async Task TwoInstancesFromOnePem_PublishTheSameKeys_AndBDecryptsAnAssertionEncryptedForA()
    {
        var shared = new SharedStores();
        await using var a = Instance(shared, X509Certificate2.CreateFromPemFile(_pem, _pem));
        await using var b = Instance(shared, X509Certificate2.CreateFromPemFile(_pem, _pem));
        var profile = await AddProfileAsync(a, wantEncrypted: true);

        var metadataA = (await a.GetRequiredService<SamlProfileSignIns>().MetadataAsync(profile)).Value;
        var metadataB = (await b.GetRequiredService<SamlProfileSignIns>().MetadataAsync(profile)).Value;
        var keysA = SamlSpMetadataKeyTests.KeyDescriptors(metadataA);
        Assert.That(keysA.Select(k => k.Use), Is.EqualTo(new[] { "signing", "encryption" }));
        Assert.That(SamlSpMetadataKeyTests.KeyDescriptors(metadataB), Is.EqualTo(keysA), "every instance publishes the same SP keys");
        Assert.That(metadataB, Is.EqualTo(metadataA));

        // The IdP encrypts to the certificate in A's metadata; the user's browser posts the response to B.
        var published = X509CertificateLoader.LoadCertificate(keysA.Single(k => k.Use == "encryption").Certificate);
        var request = (await a.GetRequiredService<SamlProfileSignIns>().StartAsync(profile, null)).Value;
        var completed = await b.GetRequiredService<SamlProfileSignIns>().CompleteAsync(profile, EncryptedResponse(profile, request.RequestId, published));

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.That(completed.Value.Identity.Subject, Is.EqualTo("carol@acme-corp.com"));
    }

    [Test]
    public async Task InstanceWithItsOwnGeneratedCertificate_CannotDecryptAnAssertionEncryptedForAnother()
    {
        var shared = new SharedStores();
        await using var a = Instance(shared, X509Certificate2.CreateFromPemFile(_pem, _pem));
        await using var other = Instance(shared, SamlTestKeys.Attacker); // what a per-instance generated certificate amounts to
        var profile = await AddProfileAsync(a, wantEncrypted: true);
        var keysA = SamlSpMetadataKeyTests.KeyDescriptors((await a.GetRequiredService<SamlProfileSignIns>().MetadataAsync(profile)).Value);

        Assert.That(SamlSpMetadataKeyTests.KeyDescriptors((await other.GetRequiredService<SamlProfileSignIns>().MetadataAsync(profile)).Value), Is.Not.EqualTo(keysA));
        var published = X509CertificateLoader.LoadCertificate(keysA.Single(k => k.Use == "encryption").Certificate);
        var request = (await a.GetRequiredService<SamlProfileSignIns>().StartAsync(profile, null)).Value;
        var completed = await other.GetRequiredService<SamlProfileSignIns>().CompleteAsync(profile, EncryptedResponse(profile, request.RequestId, published));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Metadata_PublishesTheEncryptionKeyOnlyWhenTheProfileWantsEncryptedAssertions(bool wantEncrypted)
    {
        await using var a = Instance(new SharedStores(), X509Certificate2.CreateFromPemFile(_pem, _pem));
        var profile = await AddProfileAsync(a, wantEncrypted);

        var metadata = await a.GetRequiredService<SamlProfileSignIns>().MetadataAsync(profile);

        Assert.That(metadata.IsSuccess, Is.True, () => metadata.Error.ToString());
        Assert.That(SamlSpMetadataKeyTests.KeyDescriptors(metadata.Value).Select(k => k.Use), Is.EqualTo(wantEncrypted ? new[] { "signing", "encryption" } : ["signing"]));
        Assert.That(metadata.Value, Does.Contain("Location=\"https://app.example/saml/acs/" + profile + "\"").And.Contain("Location=\"https://app.example/saml/slo/" + profile + "\""));
    }

    [Test]
    public async Task Metadata_UnknownProfile_IsSettingsInvalid()
    {
        await using var a = Instance(new SharedStores(), X509Certificate2.CreateFromPemFile(_pem, _pem));

        var metadata = await a.GetRequiredService<SamlProfileSignIns>().MetadataAsync(IdpProfileId.New());

        Assert.That(metadata.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsInvalid));
    }

    private static ServiceProvider Instance(SharedStores shared, X509Certificate2 certificate)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(shared.Clock);
        services.AddSingleton<IIdpProfileStore>(shared.Profiles);
        services.AddSingleton<IOneTimeStore>(shared.OneTime);
        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = SamlResponseBuilder.SpEntityId;
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            o.SingleLogoutServiceBaseUrl = new Uri("https://app.example/saml/slo");
            o.SigningCertificate = certificate;
        });
        return services.BuildServiceProvider();
    }

    private static async Task<IdpProfileId> AddProfileAsync(ServiceProvider instance, bool wantEncrypted)
    {
        var owner = OwnerRef.Organization((await instance.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await instance.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var added = await instance.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(directory.Id, TestAdministrator.Id, "Acme", new SamlIdpSettings
        {
            EntityId = SamlResponseBuilder.IdpEntityId,
            SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
            SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
            WantEncryptedAssertions = wantEncrypted,
        });
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        return added.Value.Id;
    }

    private static string EncryptedResponse(IdpProfileId profile, string requestId, X509Certificate2 encryptTo)
    {
        var acs = "https://app.example/saml/acs/" + profile;
        var document = new SamlResponseBuilder { InResponseTo = requestId, Destination = acs, Recipient = acs }.Signed();
        return SamlResponseBuilder.Base64(SamlAssertionEncryptor.Encrypt(document, encryptTo));
    }

    private sealed class SharedStores
    {
        public SharedStores() => OneTime = new InMemoryOneTimeStore(Clock);

        public FakeTimeProvider Clock { get; } = new(SamlResponseBuilder.Now);

        public InMemoryIdpProfileStore Profiles { get; } = new();

        public InMemoryOneTimeStore OneTime { get; }
    }
}
