using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IOwnershipTokenStore"/> must have: one token per owner, first writer wins.</summary>
public abstract class OwnershipTokenStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IOwnershipTokenStore> CreateStore();

    [Test]
    public async Task Add_ThenFind_ReturnsTheToken()
    {
        var store = await CreateStore();
        var token = OwnershipToken.Create(OwnerRef.Parent(ParentOrganizationId.New()), Now);

        Assert.That((await store.AddAsync(token)).IsSuccess, Is.True);

        Assert.That((await store.FindAsync(token.Owner))!.Value, Is.EqualTo(token.Value));
    }

    [Test]
    public async Task Add_ManyTokensForOneOwnerRacing_ExactlyOneIsKept()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.AddAsync(OwnershipToken.Create(owner, Now)))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await store.FindAsync(owner))!.Value, Is.EqualTo(results.Single(r => r.IsSuccess).Value.Value));
    }
}
