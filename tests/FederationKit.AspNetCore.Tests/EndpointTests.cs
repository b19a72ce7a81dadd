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

    [TestCase("/federationx")]
    [TestCase("/app/federation/saml/acs")]
    public async Task PathOutsideThePrefix_LeftToTheHost(string path)
    {
        Assert.That(await (await Host.NewBrowser().GetAsync(path)).Content.ReadAsStringAsync(), Is.EqualTo("host page " + path));
    }
}
