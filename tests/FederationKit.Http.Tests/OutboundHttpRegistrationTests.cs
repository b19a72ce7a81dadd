using FederationKit.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Http.Tests;

public sealed class OutboundHttpRegistrationTests
{
    [Test]
    public void AddOutboundHttp_WithoutPolicy_RegistersTheClosedDefault()
    {
        var services = new ServiceCollection();
        services.AddFederationKit();
        services.AddOutboundHttp();
        using var provider = services.BuildServiceProvider();

        var policy = provider.GetRequiredService<OutboundUrlPolicy>();

        Assert.That((policy.AllowHttp, policy.AllowLoopback, policy.AllowPrivateNetworks, policy.AllowedHosts.Count), Is.EqualTo((false, false, false, 0)));
        Assert.That(provider.GetRequiredKeyedService<HttpClient>(OutboundHttpRegistration.HttpClientKey), Is.Not.Null);
    }

    [Test]
    public async Task AddOutboundPolicy_AfterTheDefault_ReplacesItForTheSharedClient()
    {
        using var server = new LoopbackServer();
        var services = new ServiceCollection();
        services.AddOutboundHttp();
        services.AddFederationKit().AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true));
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredKeyedService<HttpClient>(OutboundHttpRegistration.HttpClientKey);

        Assert.That(await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/")), Is.EqualTo("ok"));
    }
}
