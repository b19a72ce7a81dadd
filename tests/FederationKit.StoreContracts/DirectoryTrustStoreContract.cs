using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IDirectoryTrustStore"/> must have: one open request per directory and trustee, atomic multi-update.</summary>
public abstract class DirectoryTrustStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IDirectoryTrustStore> CreateStore();

    private static TrustRequest Request(DirectoryId directory, OrganizationId trustee) => new()
    {
        Id = TrustRequestId.New(),
        DirectoryId = directory,
        DirectoryOwner = OwnerRef.Organization(OrganizationId.New()),
        TrusteeOrganizationId = trustee,
        Requester = new TrustRequester(UserId.New(), "Bea", "bea@beta.example", "Beta"),
        Domain = "acme.com",
        RequestedAt = T0,
        LastSentAt = T0,
    };

    [Test]
    public async Task Add_ThenFindAndList_RoundTrips()
    {
        var store = await CreateStore();
        var request = Request(DirectoryId.New(), OrganizationId.New()) with { TrusteeUsers = [new TrusteeUser(UserId.New(), "c@acme.com", T0)] };

        await store.AddAsync(request);

        var loaded = await store.FindAsync(request.Id);
        Assert.That(loaded!.Requester, Is.EqualTo(request.Requester));
        Assert.That(loaded.TrusteeUsers, Is.EqualTo(request.TrusteeUsers));
        Assert.That((await store.ListByDirectoryAsync(request.DirectoryId)).Single().Id, Is.EqualTo(request.Id));
        Assert.That((await store.ListByTrusteeAsync(request.TrusteeOrganizationId)).Single().Id, Is.EqualTo(request.Id));
    }

    [Test]
    public async Task Add_SecondOpenForSameDirectoryAndTrustee_IsDuplicate_ClosedIsNot()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        var trustee = OrganizationId.New();
        var first = (await store.AddAsync(Request(directory, trustee))).Value;

        Assert.That((await store.AddAsync(Request(directory, trustee))).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        await store.UpdateAsync([first with { State = TrustRequestState.Rejected }]);
        Assert.That((await store.AddAsync(Request(directory, trustee))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Update_Several_IsAllOrNone()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        var a = (await store.AddAsync(Request(directory, OrganizationId.New()))).Value;
        var b = (await store.AddAsync(Request(directory, OrganizationId.New()))).Value;
        await store.UpdateAsync([b with { ResendCount = 1 }]);

        var stale = await store.UpdateAsync([a with { State = TrustRequestState.Accepted }, b with { State = TrustRequestState.Accepted }]);

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(a.Id))!.State, Is.EqualTo(TrustRequestState.Pending));
    }

    [Test]
    public async Task Update_Concurrent_ExactlyOneWins()
    {
        var store = await CreateStore();
        var request = (await store.AddAsync(Request(DirectoryId.New(), OrganizationId.New()))).Value;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.UpdateAsync([request with { ResendCount = i + 1 }]))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That((await store.FindAsync(request.Id))!.Version, Is.EqualTo(2));
    }
}
