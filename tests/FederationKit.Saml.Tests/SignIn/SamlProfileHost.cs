using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>A host with the SAML package, one directory and (optionally) one SAML profile added through <see cref="IdpProfileService"/>.</summary>
internal sealed class SamlProfileHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DirectoryId _directory;

    private SamlProfileHost(ServiceProvider services, DirectoryId directory)
    {
        _services = services;
        _directory = directory;
    }

    /// <summary>The profile added by <see cref="CreateAsync"/>.</summary>
    public IdpProfileId ProfileId { get; private set; }

    /// <summary>The SAML sign-ins of the host.</summary>
    public SamlProfileSignIns SignIns => _services.GetRequiredService<SamlProfileSignIns>();

    /// <summary>The profile cache of <see cref="SignIns"/>.</summary>
    public SamlProfileCache SignInsCache => SignIns.Cache;

    /// <summary>A host whose directory has a profile with <paramref name="settings"/>, or none when null.</summary>
    public static async Task<SamlProfileHost> CreateAsync(SamlIdpSettings? settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SamlResponseBuilder.Now));
        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = SamlResponseBuilder.SpEntityId;
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            o.SigningCertificate = SamlTestKeys.Sp;
        });
        var provider = services.BuildServiceProvider();
        var owner = OwnerRef.Organization((await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await provider.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var host = new SamlProfileHost(provider, directory.Id);
        if (settings is not null)
        {
            var added = await host.AddAsync(settings);
            Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
            host.ProfileId = added.Value.Id;
        }

        return host;
    }

    /// <summary>Adds a profile to the directory through the service (its validation applies).</summary>
    public Task<Result<IdpProfileView>> AddAsync(SamlIdpSettings settings) =>
        _services.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(_directory, TestAdministrator.Id, "Acme", settings);

    /// <summary>Replaces a profile's settings in the store without validation, as a row written by an older version would read.</summary>
    public async Task ReplaceStoredSettingsAsync(IdpProfileId profileId, SamlIdpSettings settings)
    {
        var store = _services.GetRequiredService<IIdpProfileStore>();
        var updated = await store.UpdateAsync((await store.FindAsync(profileId))! with { Saml = settings });
        Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
    }

    /// <summary>Starts a sign-in through the profile and posts back the IdP's answer, changed by <paramref name="change"/>.</summary>
    public async Task<Result<(SamlAssertion Assertion, FederatedIdentity Identity)>> CompleteAsync(
        Action<SamlResponseBuilder> change, bool assertion = true, bool response = false, string? encrypt = null, X509Certificate2? key = null)
    {
        var request = await SignIns.StartAsync(ProfileId, null);
        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        var acs = "https://app.example/saml/acs/" + ProfileId;
        var builder = new SamlResponseBuilder { InResponseTo = request.Value.RequestId, Destination = acs, Recipient = acs };
        change(builder);
        var document = builder.Signed(assertion, response, key);
        if (encrypt is not null)
        {
            document = SamlAssertionEncryptor.Encrypt(document, SamlTestKeys.Sp, keyTransport: encrypt);
        }

        return await SignIns.CompleteAsync(ProfileId, SamlResponseBuilder.Base64(document));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
