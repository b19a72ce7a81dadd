using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.StoreContracts;

/// <summary>
/// The behaviour every <see cref="IDomainClaimStore"/> must have: one claim per owner and domain, at most one verified claim per
/// domain worldwide (also under a race), optimistic concurrency, whole-label suffix lookups and due-check listing.
/// </summary>
public abstract class DomainClaimStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IDomainClaimStore> CreateStore();

    private static OwnerRef NewOwner() => OwnerRef.Parent(ParentOrganizationId.New());

    private static DomainClaim NewClaim(OwnerRef owner, string domain, DomainClaimState state = DomainClaimState.Pending, DateTimeOffset? nextCheckAt = null) => new()
    {
        Id = DomainClaimId.New(),
        Owner = owner,
        Domain = domain,
        State = state,
        CreatedAt = Now,
        VerificationDeadline = Now.AddDays(7),
        VerifiedAt = state == DomainClaimState.Verified ? Now : null,
        NextCheckAt = nextCheckAt ?? Now,
    };

    [Test]
    public async Task Add_ThenFind_ReturnsTheClaimByOwnerAndDomainAndById()
    {
        var store = await CreateStore();
        var owner = NewOwner();
        var claim = NewClaim(owner, "acme.com");

        var added = await store.AddAsync(claim);

        Assert.That(added.IsSuccess, Is.True);
        Assert.That(added.Value.Version, Is.EqualTo(1));
        Assert.That((await store.FindAsync(owner, "acme.com"))!.Id, Is.EqualTo(claim.Id));
        Assert.That((await store.FindAsync(claim.Id))!.Domain, Is.EqualTo("acme.com"));
        Assert.That(await store.ListByOwnerAsync(owner), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Add_SameOwnerAndDomainTwice_IsRefusedAsDuplicate()
    {
        var store = await CreateStore();
        var owner = NewOwner();
        await store.AddAsync(NewClaim(owner, "acme.com"));

        var second = await store.AddAsync(NewClaim(owner, "acme.com"));

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Add_PendingClaimsOfTwoOwnersOnOneDomain_BothAreStored()
    {
        var store = await CreateStore();

        var first = await store.AddAsync(NewClaim(NewOwner(), "acme.com"));
        var second = await store.AddAsync(NewClaim(NewOwner(), "acme.com"));

        Assert.That(first.IsSuccess && second.IsSuccess, Is.True, "a pending claim must not lock out the real owner");
    }

    [Test]
    public async Task Update_SecondOwnerBecomesVerified_IsRefusedAsVerifiedByOtherOwner()
    {
        var store = await CreateStore();
        var first = (await store.AddAsync(NewClaim(NewOwner(), "acme.com"))).Value;
        var second = (await store.AddAsync(NewClaim(NewOwner(), "acme.com"))).Value;
        Assert.That((await store.UpdateAsync(first with { State = DomainClaimState.Verified })).IsSuccess, Is.True);

        var result = await store.UpdateAsync(second with { State = DomainClaimState.Verified });

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
        Assert.That((await store.FindAsync(second.Id))!.State, Is.EqualTo(DomainClaimState.Pending));
    }

    [Test]
    public async Task Add_VerifiedClaimWhileAnotherOwnerHoldsItVerified_IsRefused()
    {
        var store = await CreateStore();
        await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified));

        var result = await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified));

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
    }

    [Test]
    public async Task Update_ManyOwnersRacingToVerifyOneDomain_ExactlyOneWins()
    {
        var store = await CreateStore();
        var pending = new List<DomainClaim>();
        for (var i = 0; i < 16; i++)
        {
            pending.Add((await store.AddAsync(NewClaim(NewOwner(), "race.example"))).Value);
        }

        var results = await Task.WhenAll(pending.Select(c => Task.Run(() => store.UpdateAsync(c with { State = DomainClaimState.Verified }))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
        var verified = 0;
        foreach (var claim in pending)
        {
            verified += (await store.FindAsync(claim.Id))!.IsVerified ? 1 : 0;
        }

        Assert.That(verified, Is.EqualTo(1));
    }

    [Test]
    public async Task Add_ManyOwnersRacingToAddVerifiedClaims_ExactlyOneWins()
    {
        var store = await CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.AddAsync(NewClaim(NewOwner(), "race.example", DomainClaimState.Verified)))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
    }

    [Test]
    public async Task Update_WithStaleVersion_IsRefusedAsConcurrencyConflict()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewClaim(NewOwner(), "acme.com"))).Value;
        await store.UpdateAsync(added with { NextCheckAt = Now.AddHours(1) });

        var stale = await store.UpdateAsync(added with { NextCheckAt = Now.AddHours(2) });

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task Update_VerifiedClaimLapses_AnotherOwnerMayThenVerify()
    {
        var store = await CreateStore();
        var first = (await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified))).Value;
        var second = (await store.AddAsync(NewClaim(NewOwner(), "acme.com"))).Value;

        await store.UpdateAsync(first with { State = DomainClaimState.Lapsed });
        var result = await store.UpdateAsync(second with { State = DomainClaimState.Verified });

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await store.FindLongestVerifiedSuffixAsync("acme.com"))!.Owner, Is.EqualTo(second.Owner));
    }

    [Test]
    public async Task Delete_VerifiedClaim_FreesTheDomain()
    {
        var store = await CreateStore();
        var first = (await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified))).Value;

        Assert.That((await store.DeleteAsync(first.Id, first.Version)).IsSuccess, Is.True);

        Assert.That(await store.FindAsync(first.Id), Is.Null);
        Assert.That(await store.FindLongestVerifiedSuffixAsync("acme.com"), Is.Null);
        Assert.That((await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Delete_WithStaleVersion_IsRefused()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewClaim(NewOwner(), "acme.com"))).Value;
        await store.UpdateAsync(added with { NextCheckAt = Now.AddHours(1) });

        Assert.That((await store.DeleteAsync(added.Id, added.Version)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [TestCase("acme.com", "acme.com")]
    [TestCase("mail.acme.com", "acme.com")]
    [TestCase("x.eu.acme.com", "eu.acme.com")]
    [TestCase("eu.acme.com", "eu.acme.com")]
    [TestCase("evilacme.com", null)]
    [TestCase("acme.com.evil.example", null)]
    [TestCase("com", null)]
    public async Task FindLongestVerifiedSuffix_ComparesWholeLabels_LongestWins(string host, string? expected)
    {
        var store = await CreateStore();
        await store.AddAsync(NewClaim(NewOwner(), "acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(NewOwner(), "eu.acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(NewOwner(), "pending.acme.com"));

        var found = await store.FindLongestVerifiedSuffixAsync(host);

        Assert.That(found?.Domain, Is.EqualTo(expected));
    }

    [TestCase("acme.com", true)]
    [TestCase("mail.acme.com", true)]
    [TestCase("evilacme.com", false)]
    [TestCase("other.com", false)]
    public async Task IsCovered_OwnersVerifiedDomain_CoversItselfAndSubdomainsOnly(string host, bool expected)
    {
        var store = await CreateStore();
        var owner = NewOwner();
        await store.AddAsync(NewClaim(owner, "acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(owner, "other.com"));

        Assert.That(await store.IsCoveredAsync(owner, host), Is.EqualTo(expected));
        Assert.That(await store.IsCoveredAsync(NewOwner(), host), Is.False);
    }

    [TestCase("acme.com", "parent")]
    [TestCase("www.acme.com", "parent")]
    [TestCase("eu.acme.com", "child")]
    [TestCase("mail.eu.acme.com", "child")]
    [TestCase("pending.acme.com", "parent")]
    public async Task IsCovered_SubdomainVerifiedByAnotherOwner_IsCoveredForTheMostSpecificOwnerOnly(string host, string holder)
    {
        var store = await CreateStore();
        var parent = NewOwner();
        var child = NewOwner();
        await store.AddAsync(NewClaim(parent, "acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(child, "eu.acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(child, "pending.acme.com"));

        Assert.That(await store.IsCoveredAsync(parent, host), Is.EqualTo(holder == "parent"));
        Assert.That(await store.IsCoveredAsync(child, host), Is.EqualTo(holder == "child"));
    }

    [Test]
    public async Task ListVerified_ListsEveryVerifiedDomainWithItsOwner_AndNothingElse()
    {
        var store = await CreateStore();
        var lister = store as IVerifiedDomainLister;
        Assert.That(lister, Is.Not.Null, "the shipped claim stores list verified domains in one call");
        var acme = NewOwner();
        var beta = NewOwner();
        await store.AddAsync(NewClaim(acme, "acme.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(beta, "beta.com", DomainClaimState.Verified));
        await store.AddAsync(NewClaim(beta, "pending.com"));

        var verified = await lister!.ListVerifiedAsync();

        Assert.That(verified, Is.EquivalentTo(new Dictionary<string, OwnerRef> { ["acme.com"] = acme, ["beta.com"] = beta }));
    }

    [Test]
    public async Task ListDue_ReturnsDueUnleasedClaimsOldestFirst_UpToTheLimit()
    {
        var store = await CreateStore();
        var owner = NewOwner();
        await store.AddAsync(NewClaim(owner, "b.example", nextCheckAt: Now.AddMinutes(-5)));
        await store.AddAsync(NewClaim(owner, "a.example", nextCheckAt: Now.AddMinutes(-10)));
        await store.AddAsync(NewClaim(owner, "later.example", nextCheckAt: Now.AddMinutes(5)));
        var leased = (await store.AddAsync(NewClaim(owner, "leased.example", nextCheckAt: Now.AddMinutes(-20)))).Value;
        await store.UpdateAsync(leased with { LeaseHolder = Guid.NewGuid(), LeaseExpiresAt = Now.AddMinutes(1) });
        await store.AddAsync(NewClaim(owner, "ended.example", DomainClaimState.Expired) with { NextCheckAt = null });

        var due = await store.ListDueAsync(Now, 10);
        var limited = await store.ListDueAsync(Now, 1);

        Assert.That(due.Select(c => c.Domain), Is.EqualTo(new[] { "a.example", "b.example" }));
        Assert.That(limited.Select(c => c.Domain), Is.EqualTo(new[] { "a.example" }));
        Assert.That((await store.ListDueAsync(Now.AddMinutes(2), 10)).Select(c => c.Domain), Does.Contain("leased.example"), "an expired lease frees the check");
    }
}
