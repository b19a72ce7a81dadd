using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Dns.Tests;

/// <summary>The claim service end to end: DnsClient adapter, real dnsmasq, fake clock.</summary>
[NonParallelizable]
public class DomainVerificationAgainstDnsmasqTests
{
    // The parent organization's administrator, who adds and verifies its domains.
    private static readonly UserId Admin = UserId.New();

    private sealed class SwitchableResolver : IDnsTxtResolver
    {
        public IDnsTxtResolver Current { get; set; } = new UnconfiguredDnsTxtResolver();

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
            Current.ResolveTxtAsync(hostName, cancellationToken);
    }

    private static DnsClientTxtResolver ResolverFor(string endpoint, TimeSpan? timeout = null)
    {
        var options = new DnsClientResolverOptions { Timeout = timeout ?? TimeSpan.FromSeconds(2), Retries = 0 };
        options.NameServers.Add(endpoint);
        return new DnsClientTxtResolver(options);
    }

    private static async Task<(DomainClaimService Service, SwitchableResolver Dns, FakeTimeProvider Clock, InMemoryFederationEventSink Events, OwnerRef Owner)> Setup(DomainClaimOptions options)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var parents = new InMemoryParentOrganizationStore();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = "Acme",
            CreatedAt = clock.GetUtcNow(),
            Administrators = [new OrganizationMember(Admin, "admin@acme.example.test", OrganizationRole.Owner)],
        };
        await parents.AddAsync(parent);
        var dns = new SwitchableResolver();
        var events = new InMemoryFederationEventSink();
        var service = new DomainClaimService(
            new InMemoryDomainClaimStore(), new InMemoryOwnershipTokenStore(), dns, new InMemoryOrganizationStore(), parents, new OwnerAdministrators(parents, new InMemoryMembershipStore()), [],
            new DomainClaimRules(DomainReferenceData.FromOptions(options)), options, clock, events);
        return (service, dns, clock, events, parent.AsOwner);
    }

    [Test]
    public async Task Verify_RecordServedByDnsmasq_VerifiesAndSurvivesATimeoutThenNoticesAbsence()
    {
        var (service, dns, clock, events, owner) = await Setup(new DomainClaimOptions());
        var claim = (await service.AddDomainsAsync(owner, Admin, ["Acme.Example.Test."])).Value.Single().Result.Value;
        var record = (await service.GetInstructionsAsync(owner, Admin, claim.Domain)).Value;
        using var withRecord = await DnsmasqServer.StartAsync($"--txt-record={record.Host},v=spf1 -all", $"--txt-record={record.Host},{record.Value}");
        using var withoutRecord = await DnsmasqServer.StartAsync();
        using var silent = new SilentDnsServer();

        dns.Current = ResolverFor(withRecord.Endpoint);
        var verified = (await service.VerifyNowAsync(owner, Admin, "acme.example.test")).Value;
        Assert.That(verified.Claim.State, Is.EqualTo(DomainClaimState.Verified), verified.Detail);

        dns.Current = ResolverFor(silent.Endpoint, TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromHours(6));
        var summary = await service.RunDueChecksAsync(10);
        var afterTimeout = (await service.ListAsync(owner, Admin)).Value.Single();
        Assert.That(summary.LookupFailures, Is.EqualTo(1));
        Assert.That(afterTimeout.State, Is.EqualTo(DomainClaimState.Verified), "a timeout is never evidence of absence");
        Assert.That(afterTimeout.MissingSince, Is.Null);

        dns.Current = ResolverFor(withoutRecord.Endpoint);
        clock.Advance(TimeSpan.FromMinutes(30));
        var report = (await service.VerifyNowAsync(owner, Admin, "acme.example.test")).Value;
        Assert.That(report.Detail, Is.EqualTo("NXDOMAIN"));
        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Verified), "inside the grace period");
        Assert.That(report.Claim.IsAtRisk, Is.True);
        Assert.That(events.OfType<DomainClaimEvent>().Select(e => e.Type), Does.Contain(DomainEventTypes.RecordMissing));
    }

    [Test]
    public async Task Verify_BrandedValueLongerThan255Bytes_IsSplitByDnsmasqAndStillVerifies()
    {
        var options = new DomainClaimOptions { RecordPrefix = "acme-" + new string('p', 240), RecordHostLabel = "_acme-challenge" };
        var (service, dns, _, _, owner) = await Setup(options);
        await service.AddDomainsAsync(owner, Admin, ["split.example.test"]);
        var record = (await service.GetInstructionsAsync(owner, Admin, "split.example.test")).Value;
        Assert.That(record.Value.Length, Is.GreaterThan(255));
        using var server = await DnsmasqServer.StartAsync($"--txt-record={record.Host},{record.Value}");
        dns.Current = ResolverFor(server.Endpoint);

        var report = (await service.VerifyNowAsync(owner, Admin, "split.example.test")).Value;

        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Verified), report.Detail);
    }

    [Test]
    public async Task Verify_RecordOnlyAtTheApexWhenTheChallengeLabelIsConfigured_StaysPending()
    {
        var options = new DomainClaimOptions { RecordHostLabel = "_acme-challenge" };
        var (service, dns, _, _, owner) = await Setup(options);
        await service.AddDomainsAsync(owner, Admin, ["apex.example.test"]);
        var record = (await service.GetInstructionsAsync(owner, Admin, "apex.example.test")).Value;
        using var server = await DnsmasqServer.StartAsync($"--txt-record=apex.example.test,{record.Value}");
        dns.Current = ResolverFor(server.Endpoint);

        var report = (await service.VerifyNowAsync(owner, Admin, "apex.example.test")).Value;

        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Pending));
        Assert.That(report.Detail, Is.EqualTo("NXDOMAIN"));
    }
}
