using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IDomainLinkStore"/> must have: one link per domain, all-or-none moves.</summary>
public abstract class DomainLinkStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IDomainLinkStore> CreateStore();

    private static DomainLink Link(string domain, DirectoryId directory) =>
        new() { Domain = domain, Owner = OwnerRef.Organization(new OrganizationId(Guid.Parse("7d7c5a52-0000-4000-8000-000000000001"))), DirectoryId = directory, LinkedAt = T0 };

    [Test]
    public async Task Add_ThenFindAndList_ReturnsTheLink()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();

        await store.AddAsync(Link("acme.com", directory));

        Assert.That(await store.FindAsync("acme.com"), Is.EqualTo(Link("acme.com", directory) with { Version = 1 }));
        Assert.That((await store.ListByDirectoryAsync(directory)).Single().Domain, Is.EqualTo("acme.com"));
        Assert.That(await store.FindAsync("other.com"), Is.Null);
    }

    [Test]
    public async Task ListAll_ReturnsTheLinksOfEveryDirectory()
    {
        var store = await CreateStore();
        var first = DirectoryId.New();
        var second = DirectoryId.New();
        await store.AddAsync(Link("acme.com", first));
        await store.AddAsync(Link("beta.com", second));
        await store.AddAsync(Link("eu.beta.com", second));

        var all = await store.ListAllAsync();

        Assert.That(all.Select(l => (l.Domain, l.DirectoryId)), Is.EquivalentTo(new[] { ("acme.com", first), ("beta.com", second), ("eu.beta.com", second) }));
    }

    [Test]
    public async Task Add_SameDomainTwice_IsDuplicate_EvenConcurrently()
    {
        var store = await CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync(Link("acme.com", DirectoryId.New())))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Move_AllInSource_MovesAll()
    {
        var store = await CreateStore();
        var source = DirectoryId.New();
        var target = DirectoryId.New();
        await store.AddAsync(Link("acme.com", source));
        await store.AddAsync(Link("acme.org", source));

        var moved = await store.MoveAsync(["acme.com", "acme.org"], source, target, T0.AddDays(1));

        Assert.That(moved.Value, Has.Count.EqualTo(2));
        Assert.That((await store.ListByDirectoryAsync(target)).Select(l => l.LinkedAt), Is.All.EqualTo(T0.AddDays(1)));
        Assert.That(await store.ListByDirectoryAsync(source), Is.Empty);
    }

    [Test]
    public async Task Move_OneNotInSource_MovesNone()
    {
        var store = await CreateStore();
        var source = DirectoryId.New();
        var target = DirectoryId.New();
        await store.AddAsync(Link("acme.com", source));
        await store.AddAsync(Link("acme.org", DirectoryId.New()));

        var moved = await store.MoveAsync(["acme.com", "acme.org", "missing.com"], source, target, T0);

        Assert.That(moved.Error.Code, Is.EqualTo(DirectoryErrorCodes.MoveDomainNotInSource));
        Assert.That((await store.FindAsync("acme.com"))!.DirectoryId, Is.EqualTo(source));
        Assert.That(await store.ListByDirectoryAsync(target), Is.Empty);
    }

    [Test]
    public async Task Move_ConcurrentToDifferentTargets_ExactlyOneWins()
    {
        var store = await CreateStore();
        var source = DirectoryId.New();
        string[] domains = ["a.com", "b.com", "c.com"];
        foreach (var domain in domains)
        {
            await store.AddAsync(Link(domain, source));
        }

        var targets = Enumerable.Range(0, 6).Select(_ => DirectoryId.New()).ToList();
        var results = await Task.WhenAll(targets.Select(t => Task.Run(() => store.MoveAsync(domains, source, t, T0))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        var winner = targets[Array.FindIndex(results, r => r.IsSuccess)];
        Assert.That(await store.ListByDirectoryAsync(winner), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Delete_WithVersion_RemovesIt()
    {
        var store = await CreateStore();
        await store.AddAsync(Link("acme.com", DirectoryId.New()));

        Assert.That((await store.DeleteAsync("acme.com", 9)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.DeleteAsync("acme.com", 1)).IsSuccess, Is.True);
        Assert.That(await store.FindAsync("acme.com"), Is.Null);
    }
}
