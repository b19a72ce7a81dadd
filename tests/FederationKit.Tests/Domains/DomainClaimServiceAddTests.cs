using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.Tests.Domains;

public class DomainClaimServiceAddTests
{
    [Test]
    public async Task AddDomains_FifteenDomains_AreAllPending()
    {
        var h = new DomainClaimHarness();
        var domains = Enumerable.Range(1, 15).Select(i => $"d{i}.acme.example").ToList();

        var outcomes = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), domains)).Value;

        Assert.That(outcomes, Has.Count.EqualTo(15));
        Assert.That(outcomes.Select(o => o.Result.Value.State), Is.All.EqualTo(DomainClaimState.Pending));
        Assert.That(outcomes.Select(o => o.Created), Is.All.True);
    }

    [Test]
    public async Task AddDomains_SixteenDomains_IsRefusedAsAWholeAndStoresNothing()
    {
        var h = new DomainClaimHarness();
        var domains = Enumerable.Range(1, 16).Select(i => $"d{i}.acme.example").ToList();

        var result = await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), domains);

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.TooManyDomains));
        Assert.That(result.Error.Details["limit"], Is.EqualTo("15"));
        Assert.That((await h.Service.ListAsync(h.Acme, h.Admin(h.Acme))).Value, Is.Empty);
        Assert.That(h.Events.Events, Is.Empty);
    }

    [Test]
    public async Task AddDomains_ConfiguredLimit_IsHonoured()
    {
        var options = new DomainClaimOptions { MaxDomainsPerRequest = 2 };
        var h = new DomainClaimHarness(options);

        var result = await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["a.example", "b.example", "c.example"]);

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.TooManyDomains));
    }

    [Test]
    public async Task AddDomains_MixedBatch_EachDomainGetsItsOwnOutcome()
    {
        var h = new DomainClaimHarness();

        var outcomes = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["Acme.com", "gmail.com", "co.uk", "*.acme.com", "ACME.COM.", "bücher.example"])).Value;

        Assert.That(outcomes.Select(o => o.Input), Is.EqualTo(new[] { "Acme.com", "gmail.com", "co.uk", "*.acme.com", "ACME.COM.", "bücher.example" }));
        Assert.That(outcomes[0].Result.Value.Domain, Is.EqualTo("acme.com"));
        Assert.That(outcomes[1].Result.Error.Code, Is.EqualTo(DomainErrorCodes.FreeMail));
        Assert.That(outcomes[2].Result.Error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffix));
        Assert.That(outcomes[3].Result.Error.Code, Is.EqualTo(DomainErrorCodes.Wildcard));
        Assert.That(outcomes[4].Result.Value.Id, Is.EqualTo(outcomes[0].Result.Value.Id), "a repeat in one request is the same claim");
        Assert.That(outcomes[4].Created, Is.False);
        Assert.That(outcomes[5].Result.Value.Domain, Is.EqualTo("xn--bcher-kva.example"));
        Assert.That(((await h.Service.ListAsync(h.Acme, h.Admin(h.Acme))).Value).Select(c => c.Domain), Is.EqualTo(new[] { "acme.com", "xn--bcher-kva.example" }));
    }

    [Test]
    public async Task AddDomains_SameDomainInALaterRequest_ReturnsTheExistingClaim()
    {
        var h = new DomainClaimHarness();
        var first = await h.ClaimAsync(h.Acme, "acme.com");

        var again = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["acme.com"])).Value.Single();

        Assert.That(again.Created, Is.False);
        Assert.That(again.Result.Value.Id, Is.EqualTo(first.Id));
        Assert.That(h.EventTypes, Is.EqualTo(new[] { DomainEventTypes.Claimed }));
    }

    [Test]
    public async Task AddDomains_DomainVerifiedByAnotherOwner_IsRefusedWithTheRequestAccessHint()
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Rival, "acme.com");

        var outcome = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["acme.com"])).Value.Single();

        Assert.That(outcome.Result.Error.Code, Is.EqualTo(DomainErrorCodes.ClaimedByOtherOwner));
        Assert.That(outcome.Result.Error.Details["hint"], Is.EqualTo("request_directory_access"));
        Assert.That(outcome.Result.Error.Message, Does.Contain("directory"));
    }

    [TestCase("eu.acme.com")]
    [TestCase("a.b.acme.com")]
    public async Task AddDomains_SubdomainOfAnotherOwnersVerifiedDomain_IsRefused(string subdomain)
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Rival, "acme.com");

        var outcome = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), [subdomain])).Value.Single();

        Assert.That(outcome.Result.Error.Code, Is.EqualTo(DomainErrorCodes.SubdomainOfOtherOwner));
        Assert.That(outcome.Result.Error.Details["verified_parent"], Is.EqualTo("acme.com"));
    }

    [Test]
    public async Task AddDomains_NameThatOnlyEndsLikeAnotherOwnersDomain_IsAccepted()
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Rival, "acme.com");

        var outcome = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["evilacme.com"])).Value.Single();

        Assert.That(outcome.Result.IsSuccess, Is.True);
    }

    [Test]
    public async Task AddDomains_AnotherOwnersPendingClaim_DoesNotBlock()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Rival, "acme.com");

        var outcome = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["acme.com"])).Value.Single();

        Assert.That(outcome.Result.Value.State, Is.EqualTo(DomainClaimState.Pending), "a squatter's pending claim must not lock out the real owner");
    }

    [Test]
    public async Task AddDomains_SubdomainOfOwnVerifiedDomain_IsVerifiedAtOnceWithoutALookup()
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Acme, "acme.com");
        var queries = h.Dns.Queries.Count;

        var outcome = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["eu.acme.com"])).Value.Single();

        Assert.That(outcome.Result.Value.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(h.Dns.Queries, Has.Count.EqualTo(queries));
        Assert.That(h.EventTypes.TakeLast(2), Is.EqualTo(new[] { DomainEventTypes.Claimed, DomainEventTypes.Verified }));
    }

    [Test]
    public async Task AddDomains_UnknownOwner_IsNotAuthorized()
    {
        var h = new DomainClaimHarness();

        var result = await h.Service.AddDomainsAsync(OwnerRef.Parent(ParentOrganizationId.New()), UserId.New(), ["acme.com"]);

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task AddDomains_OrganizationLinkedToAParent_IsRefused()
    {
        var h = new DomainClaimHarness();
        var organization = new Organization { Id = OrganizationId.New(), Name = "Child", ParentId = new ParentOrganizationId(h.Acme.Id), CreatedAt = DomainClaimHarness.Start };
        await h.Organizations.AddAsync(organization);

        var result = await h.Service.AddDomainsAsync(OwnerRef.Organization(organization.Id), h.Admin(OwnerRef.Organization(organization.Id)), ["acme.com"]);

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.OwnerHasParent));
    }

    [Test]
    public async Task AddDomains_OrganizationWithoutParent_MayClaim()
    {
        var h = new DomainClaimHarness();
        var organization = new Organization { Id = OrganizationId.New(), Name = "Solo", CreatedAt = DomainClaimHarness.Start };
        await h.Organizations.AddAsync(organization);

        var outcome = (await h.Service.AddDomainsAsync(OwnerRef.Organization(organization.Id), h.Admin(OwnerRef.Organization(organization.Id)), ["solo.example"])).Value.Single();

        Assert.That(outcome.Result.IsSuccess, Is.True);
    }
}
