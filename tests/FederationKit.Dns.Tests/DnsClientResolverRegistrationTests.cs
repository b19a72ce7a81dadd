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

    [Test]
    public void AddDnsClientResolver_HostResolverRegisteredBefore_Wins()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTxtResolver, HostResolver>();
        services.AddFederationKit().AddDnsClientResolver();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void AddDnsClientResolver_HostResolverRegisteredAfter_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsClientResolver();
        services.AddSingleton<IDnsTxtResolver, HostResolver>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IDnsTxtResolver>(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void ReplaceDnsResolver_BeforeAddDnsClientResolver_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceDnsResolver<HostResolver>().AddDnsClientResolver();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void ReplaceDnsResolver_AfterAddDnsClientResolver_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsClientResolver().ReplaceDnsResolver<HostResolver>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void AddDnsClientResolver_Configuration_BindsEverySetting()
    {
        using var host = FederationKit.Tests.Shared.OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration).AddDnsClientResolver().AddDnsResolverHealthCheck(), new Dictionary<string, string?>
        {
            ["FederationKit:Dns:NameServers:0"] = "127.0.0.1:5353",
            ["FederationKit:Dns:Timeout"] = "00:00:02",
            ["FederationKit:Dns:Retries"] = "4",
            ["FederationKit:Dns:FollowCnames"] = "true",
            ["FederationKit:Dns:HealthCheck:Name"] = "dns",
            ["FederationKit:Dns:HealthCheck:QueryName"] = "internal.example",
            ["FederationKit:Dns:HealthCheck:Timeout"] = "00:00:04",
        });
        var dns = host.Services.GetRequiredService<DnsClientResolverOptions>();
        var check = host.Services.GetRequiredService<Health.DnsResolverHealthCheckOptions>();

        Assert.That((dns.NameServers.Single(), dns.Timeout, dns.Retries, dns.FollowCnames), Is.EqualTo(("127.0.0.1:5353", TimeSpan.FromSeconds(2), 4, true)));
        Assert.That((check.Name, check.QueryName, check.Timeout), Is.EqualTo(("dns", "internal.example", TimeSpan.FromSeconds(4))));
    }

    private sealed class HostResolver : IDnsTxtResolver
    {
        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
