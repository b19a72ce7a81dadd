using FederationKit.AspNetCore;
using FederationKit.Directories;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The URLs an admin page shows are the ones the scheme serves: public origin, path base and prefix.</summary>
public sealed class FederationKitUrlsTests
{
    [Test]
    public void For_PublicOriginSet_UsesItRatherThanTheRequestHost()
    {
        var context = Context(o => o.PublicOrigin = new Uri("https://app.example"), "internal:8080", "/tenant-app");
        var profile = new IdpProfileId(Guid.Parse("0c8a2c43-3b8e-4a51-9d7f-38f1f5b6a1d2"));

        var urls = FederationKitUrls.For(context)!;

        Assert.That(urls.OidcCallback.ToString(), Is.EqualTo("https://app.example/tenant-app/federation/oidc/callback"));
        Assert.That(urls.SamlProfileAssertionConsumerService(profile).ToString(), Is.EqualTo("https://app.example/tenant-app/federation/saml/0c8a2c43-3b8e-4a51-9d7f-38f1f5b6a1d2/acs"));
    }

    [Test]
    public void For_NoPublicOrigin_UsesTheRequestHostAndThePrefix()
    {
        var context = Context(o => o.PathPrefix = "/sso", "127.0.0.1:5080", string.Empty);

        Assert.That(FederationKitUrls.For(context)!.SamlMetadata.ToString(), Is.EqualTo("http://127.0.0.1:5080/sso/saml/metadata"));
    }

    [Test]
    public void For_NoHostAndNoPublicOrigin_Null()
    {
        var context = Context(_ => { }, null, string.Empty);

        Assert.That(FederationKitUrls.For(context), Is.Null);
    }

    private static DefaultHttpContext Context(Action<FederationKitAuthenticationOptions> configure, string? host, string pathBase)
    {
        var services = new ServiceCollection();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddFederationKit(configure);
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Scheme = "http";
        if (host is not null)
        {
            context.Request.Host = new HostString(host);
        }

        context.Request.PathBase = pathBase;
        return context;
    }
}
