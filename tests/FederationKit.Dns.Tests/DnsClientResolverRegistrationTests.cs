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
    public async Task AddDnsClientResolver_BadSetting_FailsAtStartNamingIt()
    {
        var timeout = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddDnsClientResolver(o => o.Timeout = TimeSpan.Zero));
        var server = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddDnsClientResolver(o => o.NameServers.Add("resolver.example")));

        Assert.That(timeout.Failures, Is.EqualTo(new[] { "FederationKit:Dns:Timeout must be positive and at most one minute." }));
        Assert.That(server.Failures.Single(), Does.StartWith("FederationKit:Dns:NameServers contains 'resolver.example'"));
    }
}
