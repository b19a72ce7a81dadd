using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Dns.Tests;

/// <summary>The README's snippet (claim, show the record, verify), run against a real dnsmasq.</summary>
[NonParallelizable]
public class ReadmeSnippetTests
{
    [Test]
    public async Task Snippet_ClaimShowRecordVerify_VerifiesTheDomain()
    {
        var dnsmasqPort = DnsmasqServer.FreePort();
        var services = new ServiceCollection();
        services.AddFederationKit(o => o.Domains.RecordPrefix = "acme-verification")
            .AddDnsClientResolver(o => o.NameServers.Add($"127.0.0.1:{dnsmasqPort}"));
        await using var provider = services.BuildServiceProvider();
        var adminId = UserId.New();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = "Acme",
            CreatedAt = TimeProvider.System.GetUtcNow(),
            Administrators = [new OrganizationMember(adminId, "admin@acme.example.test", OrganizationRole.Owner)],
        };
        await provider.GetRequiredService<IParentOrganizationStore>().AddAsync(parent);

        // --- snippet ---
        var domains = provider.GetRequiredService<DomainClaimService>();
        var owner = parent.AsOwner;
        var added = await domains.AddDomainsAsync(owner, adminId, ["acme.example.test", "gmail.com"]);
        var record = (await domains.GetInstructionsAsync(owner, adminId, "acme.example.test")).Value;
        Console.WriteLine(record.ToText());
        // --- the admin publishes the record ---
        using var server = await StartOn(dnsmasqPort, $"--txt-record={record.Host},{record.Value}");
        var report = await domains.VerifyNowAsync(owner, adminId, "acme.example.test");

        Assert.That(added.Value.Select(a => a.Result.IsSuccess), Is.EqualTo(new[] { true, false }));
        Assert.That(record.Value, Does.StartWith("acme-verification="));
        Assert.That(report.Value.Claim.State, Is.EqualTo(DomainClaimState.Verified), report.Value.Detail);
        Assert.That(await provider.GetRequiredService<IVerifiedDomainQuery>().IsCoveredAsync(owner, "mail.acme.example.test"), Is.True);
    }

    private static async Task<DnsmasqServer> StartOn(int port, string record)
    {
        var server = await DnsmasqServer.StartAsync(port, record);
        Assert.That(server.Port, Is.EqualTo(port));
        return server;
    }
}
