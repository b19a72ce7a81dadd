using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>
/// A host with the SAML package and the metadata refresher, one directory, and one SAML profile imported from a metadata server
/// on 127.0.0.1 (its URL kept). Linked into FederationKit.Hosting.Tests, which adds the background workers through <c>extend</c>.
/// </summary>
internal sealed class MetadataRefreshHost : IAsyncDisposable
{
    private MetadataRefreshHost(ServiceProvider services, MetadataHttpServer server, FakeTimeProvider clock, InMemoryFederationEventSink events)
    {
        Services = services;
        Server = server;
        Clock = clock;
        Events = events;
    }

    /// <summary>The host's clock starts one hour before <see cref="SamlResponseBuilder.Now"/>, when the test responses are valid.</summary>
    public static readonly DateTimeOffset Start = SamlResponseBuilder.Now.AddHours(-1);

    public ServiceProvider Services { get; }

    public MetadataHttpServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public InMemoryFederationEventSink Events { get; }

    public IdpProfileId ProfileId { get; private set; }

    public SamlMetadataRefresher Refresher => Services.GetRequiredService<SamlMetadataRefresher>();

    /// <summary>The host, its profile imported from <paramref name="metadata"/> served at <see cref="Server"/>.</summary>
    public static async Task<MetadataRefreshHost> CreateAsync(string metadata, Action<SamlMetadataRefreshOptions>? refresh = null, Action<FederationKitBuilder>? extend = null)
    {
        var server = new MetadataHttpServer(metadata);
        var clock = new FakeTimeProvider(Start);
        var events = new InMemoryFederationEventSink();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IFederationEventSink>(events);
        var builder = services.AddFederationKit()
            .AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true))
            .AddSaml(o =>
            {
                o.EntityId = SamlResponseBuilder.SpEntityId;
                o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
                o.SigningCertificate = SamlTestKeys.Sp;
            })
            .AddSamlMetadataRefresh(refresh);
        extend?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        var host = new MetadataRefreshHost(provider, server, clock, events);

        var owner = OwnerRef.Organization((await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await provider.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var imported = await provider.GetRequiredService<SamlIdpMetadataClient>().ImportAsync(server.Url, new SamlIdpMetadataReadOptions());
        Assert.That(imported.IsSuccess, Is.True, () => imported.Error.ToString());
        var added = await provider.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(directory.Id, TestAdministrator.Id, "Acme", imported.Value);
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        host.ProfileId = added.Value.Id;
        return host;
    }

    /// <summary>A new self-signed IdP key, as an IdP generates when it rolls over.</summary>
    public static X509Certificate2 NewIdpKey(string subject = "CN=idp-next.acme.example")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>The profile as stored now.</summary>
    public async Task<IdpProfile> ProfileAsync() => (await Services.GetRequiredService<IIdpProfileStore>().FindAsync(ProfileId))!;

    /// <summary>
    /// A complete sign-in through the profile, the IdP's response signed with <paramref name="key"/>; the clock is moved to
    /// <see cref="SamlResponseBuilder.Now"/> first (never back).
    /// </summary>
    public async Task<Result<(SamlAssertion Assertion, FederatedIdentity Identity)>> SignInAsync(X509Certificate2 key)
    {
        Assert.That(Clock.GetUtcNow(), Is.LessThanOrEqualTo(SamlResponseBuilder.Now), "sign in before the clock passes the responses' time");
        Clock.SetUtcNow(SamlResponseBuilder.Now);
        var signIns = Services.GetRequiredService<SamlProfileSignIns>();
        var request = await signIns.StartAsync(ProfileId, null);
        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        var acs = "https://app.example/saml/acs/" + ProfileId;
        var builder = new SamlResponseBuilder { InResponseTo = request.Value.RequestId, Destination = acs, Recipient = acs };
        return await signIns.CompleteAsync(ProfileId, SamlResponseBuilder.Base64(builder.Signed(key: key)));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Server.Dispose();
    }
}
