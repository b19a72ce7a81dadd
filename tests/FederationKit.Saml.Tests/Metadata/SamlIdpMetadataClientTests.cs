using System.Net;
using FederationKit.Http;
using FederationKit.Outbound;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>Fetching IdP metadata over HTTP from a real server on 127.0.0.1: caching, refresh, outages and refusals.</summary>
[NonParallelizable]
public sealed class SamlIdpMetadataClientTests
{
    private static readonly string Keys = IdpMetadataXml.Key(SamlTestKeys.Idp);

    /// <summary>The test servers listen on http://127.0.0.1, which the outbound URL policy allows only when asked to.</summary>
    private static HttpClient LoopbackClient() => OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true });

    [Test]
    public async Task Get_UsesTheCopyUntilItsCacheDuration_ThenFetchesAgain()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(cacheDuration: "PT1H", keys: Keys));
        using var http = LoopbackClient();
        var clock = new FakeTimeProvider(SamlResponseBuilder.Now);
        var client = new SamlIdpMetadataClient(http, clock);

        var first = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());
        clock.Advance(TimeSpan.FromMinutes(59));
        await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());
        Assert.That(server.Requests, Is.EqualTo(1));

        server.Body = IdpMetadataXml.Entity(cacheDuration: "PT1H", keys: IdpMetadataXml.Key(SamlTestKeys.PreviousSp));
        clock.Advance(TimeSpan.FromMinutes(2));
        var rolled = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());

        Assert.That(first.Value.SigningCertificates.Single().Subject, Is.EqualTo("CN=idp.acme.example"));
        Assert.That(rolled.Value.SigningCertificates.Single().Subject, Is.EqualTo("CN=old.app.example"));
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [TestCase("-P10000000D")]
    [TestCase("-PT1S")]
    public async Task Get_NegativeCacheDuration_IsReadAndRefreshedAtOnceWithoutAnException(string cacheDuration)
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(cacheDuration: cacheDuration, keys: Keys));
        using var http = LoopbackClient();
        var client = new SamlIdpMetadataClient(http, new FakeTimeProvider(SamlResponseBuilder.Now));

        var first = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());
        var second = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());

        Assert.That(first.IsSuccess && second.IsSuccess, Is.True);
        Assert.That(server.Requests, Is.EqualTo(2), "a copy whose cache duration is over is fetched again");
    }

    [Test]
    public async Task Get_WhenTheIdpFails_ServesTheLastGoodCopyUntilItsValidUntil()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(validUntil: "2026-03-03T09:00:00Z", cacheDuration: "PT1H", keys: Keys));
        using var http = LoopbackClient();
        var clock = new FakeTimeProvider(SamlResponseBuilder.Now);
        var client = new SamlIdpMetadataClient(http, clock);
        Assert.That((await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions())).IsSuccess, Is.True);

        server.Status = HttpStatusCode.ServiceUnavailable;
        clock.Advance(TimeSpan.FromHours(2));
        var stale = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());
        clock.Advance(TimeSpan.FromDays(2));
        var expired = await client.GetAsync(server.Url, new SamlIdpMetadataReadOptions());

        Assert.That(stale.IsSuccess, Is.True);
        Assert.That(expired.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.FetchFailed));
        Assert.That(expired.Error.Details["status"], Is.EqualTo("503"));
    }

    [Test]
    public async Task Fetch_ServerDown_IsAFetchFailure()
    {
        var server = new MetadataHttpServer(string.Empty);
        var url = server.Url;
        server.Dispose();
        using var http = LoopbackClient();

        var result = await new SamlIdpMetadataClient(http, TimeProvider.System).FetchAsync(url, new SamlIdpMetadataReadOptions());

        Assert.That(result.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.FetchFailed));
    }

    [Test]
    public async Task Fetch_LargerThanTheLimit_IsRefusedWithoutReadingItAll()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(keys: Keys) + new string(' ', 64 * 1024));
        using var http = LoopbackClient();

        var result = await new SamlIdpMetadataClient(http, TimeProvider.System).FetchAsync(server.Url, new SamlIdpMetadataReadOptions { MaxLength = 8 * 1024 });

        Assert.That(result.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.Malformed));
    }

    [TestCase("http://idp.acme.example/metadata")]
    [TestCase("ftp://127.0.0.1/metadata")]
    [TestCase("file:///etc/passwd")]
    public async Task Fetch_NotHttpsOutsideLoopback_IsRefusedBeforeAnyRequest(string url)
    {
        using var http = new HttpClient(new RefusingHandler());

        var result = await new SamlIdpMetadataClient(http, TimeProvider.System).FetchAsync(new Uri(url), new SamlIdpMetadataReadOptions());

        Assert.That(result.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.UrlInsecure));
    }

    [Test]
    public async Task Fetch_LoopbackThroughTheDefaultPolicy_IsRefusedBeforeAnyRequest()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(keys: Keys));
        using var http = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true });

        var result = await new SamlIdpMetadataClient(http, TimeProvider.System).FetchAsync(server.Url, new SamlIdpMetadataReadOptions());

        Assert.That(result.Error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task Fetch_RefusedAddress_ReadsLikeAServerThatIsDown()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(keys: Keys));
        var down = new MetadataHttpServer(string.Empty);
        var downUrl = down.Url;
        down.Dispose();
        using var refusing = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true });
        using var allowing = LoopbackClient();

        var refused = await new SamlIdpMetadataClient(refusing, TimeProvider.System).FetchAsync(server.Url, new SamlIdpMetadataReadOptions());
        var unreachable = await new SamlIdpMetadataClient(allowing, TimeProvider.System).FetchAsync(downUrl, new SamlIdpMetadataReadOptions());

        Assert.That(unreachable.Error.Code, Is.EqualTo(SamlMetadataErrorCodes.FetchFailed));
        Assert.That(refused.Error.Message, Is.EqualTo(unreachable.Error.Message));
        Assert.That(unreachable.Error.Message, Does.Not.Contain("refused").IgnoreCase.And.Not.Contain("127.0.0.1"));
        Assert.That(refused.Error.Details, Is.EqualTo(unreachable.Error.Details));
    }

    [Test]
    public async Task AddSaml_RegistersAMetadataClientThatObeysThePolicy()
    {
        using var server = new MetadataHttpServer(IdpMetadataXml.Entity(keys: Keys));
        var services = new ServiceCollection();
        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = "https://app.example/saml";
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
        });
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<SamlIdpMetadataClient>().FetchAsync(server.Url, new SamlIdpMetadataReadOptions());

        Assert.That(result.Error.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task AddSaml_MetadataFailsOnceWith503_IsFetchedAgainThroughTheNamedClient()
    {
        var calls = 0;
        var xml = IdpMetadataXml.Entity(keys: Keys);
        using var server = new FederationKit.Tests.Shared.LoopbackHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FederationKit.Tests.Shared.LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy")
            : new FederationKit.Tests.Shared.LoopbackHttpServer.Response(HttpStatusCode.OK, "application/samlmetadata+xml", xml));
        var services = new ServiceCollection();
        services.AddFederationKit()
            .AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true))
            .AddSaml(o =>
            {
                o.EntityId = "https://app.example/saml";
                o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            });
        services.Configure<FederationKitHttpClientOptions>(FederationKitHttpClients.SamlMetadata, o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<SamlIdpMetadataClient>().FetchAsync(new Uri(server.Url("federationmetadata.xml")), new SamlIdpMetadataReadOptions());

        Assert.That((result.IsSuccess, server.Requests), Is.EqualTo((true, 2)), () => result.IsFailure ? result.Error.ToString() : "ok");
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new AssertionException("No request may leave for " + request.RequestUri);
    }
}
