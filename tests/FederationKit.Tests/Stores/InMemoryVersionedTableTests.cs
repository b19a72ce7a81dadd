using FederationKit.Organizations;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores;

public class InMemoryVersionedTableTests
{
    private static Organization NewOrganization() => new()
    {
        Id = OrganizationId.New(),
        Name = "Acme",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Test]
    public async Task Update_WithStaleVersion_ReturnsConcurrencyConflict()
    {
        var store = new InMemoryOrganizationStore();
        var stored = (await store.AddAsync(NewOrganization())).Value;

        var first = await store.UpdateAsync(stored with { Name = "Acme Inc" });
        var second = await store.UpdateAsync(stored with { Name = "Acme Ltd" });

        Assert.That(first.IsSuccess, Is.True);
        Assert.That(first.Value.Version, Is.EqualTo(2));
        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(stored.Id))!.Name, Is.EqualTo("Acme Inc"));
    }

    [Test]
    public async Task Update_RacingFromManyThreads_ExactlyOneWins()
    {
        var store = new InMemoryOrganizationStore();
        var stored = (await store.AddAsync(NewOrganization())).Value;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.UpdateAsync(stored with { Name = $"Name {i}" }))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task Add_SameIdTwice_ReturnsDuplicate()
    {
        var store = new InMemoryOrganizationStore();
        var organization = NewOrganization();

        await store.AddAsync(organization);
        var again = await store.AddAsync(organization);

        Assert.That(again.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }
}
