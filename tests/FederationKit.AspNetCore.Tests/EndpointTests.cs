using System.Net;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The handler owns every path under its prefix: the layout's endpoints, 405 for another method, 404 for anything else.</summary>
public sealed class EndpointTests : EdgeTests
{
    [TestCase("/federation")]
    [TestCase("/federation/")]
    [TestCase("/federation/saml")]
    [TestCase("/federation/saml/nope")]
    [TestCase("/federation/saml/not-a-guid/acs")]
    [TestCase("/federation/saml/00000000-0000-0000-0000-000000000001/nope")]
    [TestCase("/federation/oidc/callback/extra")]
    [TestCase("/federation/oidc/00000000-0000-0000-0000-000000000001/callback")]
    [TestCase("/federation/admin")]
    public async Task UnknownPathUnderThePrefix_NotFound(string path)
    {
        var response = await Host.NewBrowser().GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("host page"));
    }

    [TestCase("/federation/saml/acs")]
    [TestCase("/federation/oidc/00000000-0000-0000-0000-000000000001/backchannel-logout")]
    public async Task KnownPathWithAnotherMethod_MethodNotAllowed(string path)
    {
        Assert.That((await Host.NewBrowser().GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [TestCase("/federation/saml/metadata")]
    [TestCase("/federation/saml/00000000-0000-0000-0000-000000000001/slo")]
    public async Task SamlOnlyEndpoint_WithoutTheSamlPackage_NotFound(string path)
    {
        Assert.That((await Host.NewBrowser().GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ClientJwks_OfAProfileWithAGeneratedKey_PublicKeysOnly_OtherwiseNotFound()
    {
        var withKey = await Host.AddProfileAsync(Directory.Id, SignIn.IdentityProtocol.Oidc, "Keyed", oidcProfile: new FederationKit.Directories.NewOidcProfile
        {
            Settings = new FederationKit.Directories.OidcIdpSettings { Issuer = new Uri("https://login.acme.example/keyed"), ClientId = "fedkit-client" },
            GenerateClientKey = FederationKit.Directories.OidcClientKeyAlgorithm.Rsa2048,
        });
        var withSecret = await Host.AddProfileAsync(Directory.Id, SignIn.IdentityProtocol.Oidc, "Secret");
        var browser = Host.NewBrowser();

        var jwks = await browser.GetAsync($"/federation/oidc/{withKey.Id}/jwks.json");

        var json = await jwks.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(jwks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(jwks.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/jwk-set+json"));
            Assert.That(json, Does.Contain("\"kid\"").And.Contain("\"n\"").And.Not.Contain("\"d\""));
            Assert.That((await browser.GetAsync($"/federation/oidc/{withSecret.Id}/jwks.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await browser.GetAsync($"/federation/oidc/{Guid.NewGuid()}/jwks.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [TestCase("/federationx")]
    [TestCase("/app/federation/saml/acs")]
    public async Task PathOutsideThePrefix_LeftToTheHost(string path)
    {
        Assert.That(await (await Host.NewBrowser().GetAsync(path)).Content.ReadAsStringAsync(), Is.EqualTo("host page " + path));
    }
}
