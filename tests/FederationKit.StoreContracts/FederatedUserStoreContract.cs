using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IFederatedUserStore"/> must have.</summary>
public abstract class FederatedUserStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IFederatedUserStore> CreateStore();

    private static FederatedUser NewUser(DirectoryId directory, string subject) => new()
    {
        Id = UserId.New(), DirectoryId = directory, Subject = subject, Email = "a@acme.example", CreatedAt = Now, LastSignInAt = Now,
    };

    [Test]
    public async Task Add_ThenFindByIdentity_ReturnsTheUser()
    {
        var store = await CreateStore();
        var user = NewUser(DirectoryId.New(), "sub-1");
        var added = await store.AddAsync(user);

        Assert.That(added.Value.Version, Is.EqualTo(1));
        Assert.That((await store.FindByIdentityAsync(user.DirectoryId, "sub-1"))?.Id, Is.EqualTo(user.Id));
        Assert.That((await store.FindAsync(user.Id))?.Subject, Is.EqualTo("sub-1"));
    }

    [Test]
    public async Task FindByIdentity_SubjectDiffersInCase_ReturnsNull()
    {
        var store = await CreateStore();
        var user = NewUser(DirectoryId.New(), "Sub-1");
        await store.AddAsync(user);

        Assert.That(await store.FindByIdentityAsync(user.DirectoryId, "sub-1"), Is.Null);
    }

    [Test]
    public async Task Add_SameIdentityTwice_SecondIsDuplicate()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        await store.AddAsync(NewUser(directory, "sub-1"));

        var second = await store.AddAsync(NewUser(directory, "sub-1"));

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Add_SameSubjectOtherDirectory_Succeeds()
    {
        var store = await CreateStore();
        await store.AddAsync(NewUser(DirectoryId.New(), "sub-1"));

        Assert.That((await store.AddAsync(NewUser(DirectoryId.New(), "sub-1"))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Add_RacingSameIdentity_ExactlyOneWins()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync(NewUser(directory, "sub-1")))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(await store.CountByDirectoryAsync(directory), Is.EqualTo(1));
    }

    [Test]
    public async Task Update_StaleVersion_IsConcurrencyConflict()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewUser(DirectoryId.New(), "sub-1"))).Value;
        await store.UpdateAsync(added with { Email = "b@acme.example" });

        var stale = await store.UpdateAsync(added with { Email = "c@acme.example" });

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(added.Id))?.Email, Is.EqualTo("b@acme.example"));
    }

    [Test]
    public async Task CountByEmailDomain_CountsDomainAndSubdomainsByWholeLabels()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        await store.AddAsync(NewUser(directory, "1") with { Email = "a@acme.example" });
        await store.AddAsync(NewUser(directory, "2") with { Email = "b@EU.acme.example" });
        await store.AddAsync(NewUser(directory, "3") with { Email = "c@evilacme.example" });
        await store.AddAsync(NewUser(directory, "4") with { Email = string.Empty });

        Assert.That(await store.CountByEmailDomainAsync("acme.example"), Is.EqualTo(2));
        Assert.That(await store.CountByEmailDomainAsync("eu.acme.example"), Is.EqualTo(1));
    }

    [Test]
    public async Task ListByEmailDomain_ListsOnlyThatDirectorysUsersOnTheDomainAndSubdomains()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        var a = (await store.AddAsync(NewUser(directory, "1") with { Email = "a@acme.example" })).Value;
        var b = (await store.AddAsync(NewUser(directory, "2") with { Email = "b@eu.acme.example" })).Value;
        await store.AddAsync(NewUser(directory, "3") with { Email = "c@evilacme.example" });
        await store.AddAsync(NewUser(DirectoryId.New(), "4") with { Email = "d@acme.example" });

        var listed = await store.ListByEmailDomainAsync(directory, "acme.example");

        Assert.That(listed.Select(u => u.Id), Is.EquivalentTo(new[] { a.Id, b.Id }));
    }

    [Test]
    public async Task MoveToDirectory_ChangesTheIdentity_AndIsVersionChecked()
    {
        var store = await CreateStore();
        var source = DirectoryId.New();
        var target = DirectoryId.New();
        var user = (await store.AddAsync(NewUser(source, "sub-1"))).Value;

        var moved = await store.MoveToDirectoryAsync(user, target);
        var stale = await store.MoveToDirectoryAsync(user, source);

        Assert.That(moved.IsSuccess, Is.True, () => moved.Error.ToString());
        Assert.That((moved.Value.DirectoryId, moved.Value.Version), Is.EqualTo((target, user.Version + 1)));
        Assert.That(await store.FindByIdentityAsync(source, "sub-1"), Is.Null);
        Assert.That((await store.FindByIdentityAsync(target, "sub-1"))?.Id, Is.EqualTo(user.Id));
        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task MoveToDirectory_SubjectTakenInTheTarget_IsDuplicate_AndNothingChanges()
    {
        var store = await CreateStore();
        var source = DirectoryId.New();
        var target = DirectoryId.New();
        var user = (await store.AddAsync(NewUser(source, "sub-1"))).Value;
        await store.AddAsync(NewUser(target, "sub-1"));

        var moved = await store.MoveToDirectoryAsync(user, target);

        Assert.That(moved.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await store.FindAsync(user.Id))?.DirectoryId, Is.EqualTo(source));
    }

    [Test]
    public async Task CountByProfile_CountsUsersWhoseLastSignInWasThroughIt_NotDeletedOnes()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        var profile = IdpProfileId.New();
        var other = IdpProfileId.New();
        await store.AddAsync(NewUser(directory, "sub-1") with { ProfileId = profile });
        var leaving = (await store.AddAsync(NewUser(directory, "sub-2") with { ProfileId = profile })).Value;
        var switching = (await store.AddAsync(NewUser(directory, "sub-3") with { ProfileId = profile })).Value;
        await store.AddAsync(NewUser(directory, "sub-4"));

        Assert.That(await store.CountByProfileAsync(profile), Is.EqualTo(3));
        Assert.That((await store.UpdateAsync(leaving with { DeletedAt = Now, Subject = "sub-2" })).IsSuccess, Is.True);
        Assert.That((await store.UpdateAsync(switching with { ProfileId = other })).IsSuccess, Is.True);

        Assert.That(await store.CountByProfileAsync(profile), Is.EqualTo(1));
        Assert.That(await store.CountByProfileAsync(other), Is.EqualTo(1));
        Assert.That((await store.FindAsync(switching.Id))?.ProfileId, Is.EqualTo(other));
        Assert.That(await store.CountByProfileAsync(IdpProfileId.New()), Is.Zero);
    }

    [Test]
    public async Task MoveToDirectory_ClearsTheProfile_SoTheSourceProfileNoLongerCountsTheUser()
    {
        var store = await CreateStore();
        var profile = IdpProfileId.New();
        var user = (await store.AddAsync(NewUser(DirectoryId.New(), "sub-1") with { ProfileId = profile })).Value;

        var moved = await store.MoveToDirectoryAsync(user, DirectoryId.New());

        Assert.That(moved.Value.ProfileId, Is.Null);
        Assert.That((await store.FindAsync(user.Id))?.ProfileId, Is.Null);
        Assert.That(await store.CountByProfileAsync(profile), Is.Zero);
    }
}
