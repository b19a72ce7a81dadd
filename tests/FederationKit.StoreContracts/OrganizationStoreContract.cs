using System.Collections.Immutable;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IOrganizationStore"/> must have. Derive and implement <see cref="CreateStore"/>.</summary>
public abstract class OrganizationStoreContract
{
    /// <summary>Returns a new, empty store (a fresh database for durable stores).</summary>
    protected abstract Task<IOrganizationStore> CreateStore();

    private static Organization NewOrganization() => new()
    {
        Id = OrganizationId.New(),
        Name = "Acme",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Test]
    public async Task Add_ThenGet_ReturnsTheSameOrganization()
    {
        var store = await CreateStore();
        var organization = NewOrganization();

        Assert.That((await store.AddAsync(organization)).IsSuccess, Is.True);
        var loaded = await store.FindAsync(organization.Id);

        Assert.That(loaded, Is.Not.Null);
        Assert.That(loaded!.Name, Is.EqualTo("Acme"));
    }

    [Test]
    public async Task Update_OnlySso_RoundTrips()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewOrganization())).Value;

        Assert.That((await store.UpdateAsync(added with { OnlySso = true })).IsSuccess, Is.True);
        var loaded = (await store.FindAsync(added.Id))!;
        Assert.That(loaded.OnlySso, Is.True);

        Assert.That((await store.UpdateAsync(loaded with { OnlySso = false })).IsSuccess, Is.True);
        var cleared = (await store.FindAsync(added.Id))!;
        Assert.That(cleared.OnlySso, Is.False);
    }

    [Test]
    public async Task Add_WithOnlySso_RoundTrips()
    {
        var store = await CreateStore();
        var organization = NewOrganization() with { OnlySso = true };

        await store.AddAsync(organization);
        var loaded = (await store.FindAsync(organization.Id))!;

        Assert.That(loaded.OnlySso, Is.True);
    }

    [Test]
    public async Task Update_WithStaleVersion_IsRefusedAsConcurrencyConflict()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewOrganization())).Value;
        Assert.That((await store.UpdateAsync(added with { Name = "First" })).IsSuccess, Is.True);

        var stale = await store.UpdateAsync(added with { Name = "Second" });

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(added.Id))!.Name, Is.EqualTo("First"));
    }

    [Test]
    public async Task ListByParent_ReturnsOnlyThatParentsOrganizations()
    {
        var store = await CreateStore();
        var parent = ParentOrganizationId.New();
        var child = NewOrganization() with { ParentId = parent };
        await store.AddAsync(child);
        await store.AddAsync(NewOrganization() with { ParentId = ParentOrganizationId.New() });
        await store.AddAsync(NewOrganization());

        var listed = await store.ListByParentAsync(parent);

        Assert.That(listed.Select(o => o.Id), Is.EqualTo(new[] { child.Id }));
    }
}
