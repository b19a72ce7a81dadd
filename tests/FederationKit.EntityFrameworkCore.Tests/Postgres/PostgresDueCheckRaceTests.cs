using System.Collections.Concurrent;
using FederationKit.Domains;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>Two instances (own service providers and connections, one database) running the scheduled checks at once.</summary>
public sealed class PostgresDueCheckRaceTests
{
    [Test]
    public async Task RunDueChecks_TwoInstancesAtOnce_CheckEachClaimExactlyOnce_AndACrashedLeaseIsPickedUpLater()
    {
        var database = await PostgresDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var dns = new CountingResolver();
        await using var first = Instance(database, clock, dns);
        await using var second = Instance(database, clock, dns);

        var ownerId = UserId.New();
        var organization = (await first.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme-corp.com")).Value;
        var owner = OwnerRef.Organization(organization.Id);
        var domains = Enumerable.Range(0, 45).Select(i => $"d{i}.acme-corp.com").ToArray();
        foreach (var chunk in domains.Chunk(15))
        {
            var added = await first.GetRequiredService<DomainClaimService>().AddDomainsAsync(owner, ownerId, chunk);
            Assert.That(added.Value.All(a => a.Result.IsSuccess), Is.True);
        }

        clock.Advance(TimeSpan.FromHours(2));
        var summaries = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<DomainClaimService>().RunDueChecksAsync(100)),
            Task.Run(() => second.GetRequiredService<DomainClaimService>().RunDueChecksAsync(100)));

        Assert.That(summaries.Sum(s => s.Processed), Is.EqualTo(domains.Length));
        Assert.That(dns.Queries.Values, Is.All.EqualTo(1), "a claim was checked by both instances");
        Assert.That(dns.Queries.Count, Is.EqualTo(domains.Length));

        // An instance crashes after taking a lease: the claim is not checked again until the lease ends, then it is.
        clock.Advance(TimeSpan.FromHours(2));
        var store = first.GetRequiredService<IDomainClaimStore>();
        var taken = (await store.FindAsync(owner, domains[0]))!;
        Assert.That((await store.UpdateAsync(taken with { LeaseHolder = Guid.NewGuid(), LeaseExpiresAt = clock.GetUtcNow().AddMinutes(5) })).IsSuccess, Is.True);
        dns.Queries.Clear();
        await second.GetRequiredService<DomainClaimService>().RunDueChecksAsync(100);
        Assert.That(dns.Queries.Keys.Any(k => k.EndsWith(domains[0], StringComparison.Ordinal)), Is.False, "a leased claim was checked");
        Assert.That(dns.Queries, Is.Not.Empty, "the other due claims were checked");
        clock.Advance(TimeSpan.FromMinutes(6));
        await second.GetRequiredService<DomainClaimService>().RunDueChecksAsync(100);
        Assert.That(dns.Queries.Keys.Any(k => k.EndsWith(domains[0], StringComparison.Ordinal)), Is.True, "the crashed instance's claim was never picked up");
    }

    private static ServiceProvider Instance(PostgresDatabase database, TimeProvider clock, IDnsTxtResolver dns)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton(dns);
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseNpgsql(database.ConnectionString));
        return services.BuildServiceProvider();
    }

    private sealed class CountingResolver : IDnsTxtResolver
    {
        public ConcurrentDictionary<string, int> Queries { get; } = new(StringComparer.Ordinal);

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default)
        {
            Queries.AddOrUpdate(hostName, 1, (_, n) => n + 1);
            return Task.FromResult(DnsTxtLookup.NotFound("NXDOMAIN"));
        }
    }
}
