using FederationKit.Domains;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Dns.Tests;

public class DnsClientResolverRegistrationTests
{
    [Test]
    public void AddDnsClientResolver_ReplacesTheDefaultResolver()
    {
        var services = new ServiceCollection();

        services.AddFederationKit().AddDnsClientResolver(o => o.NameServers.Add("127.0.0.1:5353"));

        var resolvers = services.Where(d => d.ServiceType == typeof(IDnsTxtResolver)).ToList();
        Assert.That(resolvers, Has.Count.EqualTo(1));
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IDnsTxtResolver>(), Is.InstanceOf<DnsClientTxtResolver>());
    }

    [Test]
    public void AddDnsClientResolver_BadSetting_FailsAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddFederationKit().AddDnsClientResolver(o => o.Timeout = TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => services.AddFederationKit().AddDnsClientResolver(o => o.NameServers.Add("resolver.example")));
    }
}
