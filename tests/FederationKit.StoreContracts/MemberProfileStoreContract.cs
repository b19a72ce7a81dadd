using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IMemberProfileStore"/> must have, including the unique username per organization.</summary>
public abstract class MemberProfileStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IMemberProfileStore> CreateStore();

    private static MemberProfile NewProfile(OrganizationId org, string username) => new()
    {
        OrganizationId = org, UserId = UserId.New(), DirectoryId = DirectoryId.New(), Username = username,
        UserType = MemberUserType.Enterprise, JoinedAt = Now,
    };

    [Test]
    public async Task Add_ThenFind_ReturnsTheProfile()
    {
        var store = await CreateStore();
        var profile = NewProfile(OrganizationId.New(), "john.smith");
        await store.AddAsync(profile);

        Assert.That((await store.FindAsync(profile.OrganizationId, profile.UserId))?.Username, Is.EqualTo("john.smith"));
        Assert.That((await store.FindByUsernameAsync(profile.OrganizationId, "JOHN.SMITH"))?.UserId, Is.EqualTo(profile.UserId));
        Assert.That(await store.ListByUserAsync(profile.UserId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Add_UsernameTakenIgnoringCase_IsDuplicateOfKindUsername()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        await store.AddAsync(NewProfile(org, "john.smith"));

        var second = await store.AddAsync(NewProfile(org, "John.Smith"));

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(second.Error.Details["kind"], Is.EqualTo(IMemberProfileStore.UsernameKind));
    }

    [Test]
    public async Task Add_SameUsernameOtherOrganization_Succeeds()
    {
        var store = await CreateStore();
        await store.AddAsync(NewProfile(OrganizationId.New(), "john.smith"));

        Assert.That((await store.AddAsync(NewProfile(OrganizationId.New(), "john.smith"))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Add_SameMemberTwice_IsDuplicateOfAnotherKind()
    {
        var store = await CreateStore();
        var profile = NewProfile(OrganizationId.New(), "john.smith");
        await store.AddAsync(profile);

        var second = await store.AddAsync(profile with { Username = "john.smith2" });

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(second.Error.Details["kind"], Is.Not.EqualTo(IMemberProfileStore.UsernameKind));
    }

    [Test]
    public async Task Add_TwoUsersRacingForOneUsername_ExactlyOneGetsIt()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var contenders = Enumerable.Range(0, 8).Select(_ => NewProfile(org, "john_smith")).ToList();

        var results = await Task.WhenAll(contenders.Select(p => Task.Run(() => store.AddAsync(p))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Details["kind"]), Is.All.EqualTo(IMemberProfileStore.UsernameKind));
    }

    [Test]
    public async Task Update_ToTakenUsername_IsDuplicate()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        await store.AddAsync(NewProfile(org, "john.smith"));
        var other = (await store.AddAsync(NewProfile(org, "jane.smith"))).Value;

        var renamed = await store.UpdateAsync(other with { Username = "john.smith" });

        Assert.That(renamed.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Update_StaleVersion_IsConcurrencyConflict()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewProfile(OrganizationId.New(), "john.smith"))).Value;
        await store.UpdateAsync(added with { Email = "x@acme.example" });

        var stale = await store.UpdateAsync(added with { Email = "y@acme.example" });

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task ListByDirectory_ReturnsTheOrganizationsProfilesOfThatDirectoryOnly()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var first = NewProfile(org, "first.user") with { DirectoryId = directory, UserType = MemberUserType.Business };
        var second = NewProfile(org, "second.user") with { DirectoryId = directory, UserType = MemberUserType.Business };
        await store.AddAsync(first);
        await store.AddAsync(second);
        await store.AddAsync(NewProfile(org, "other.directory"));
        await store.AddAsync(NewProfile(OrganizationId.New(), "other.org") with { DirectoryId = directory });

        var listed = await store.ListByDirectoryAsync(org, directory);

        Assert.That(listed.Select(p => p.UserId), Is.EquivalentTo(new[] { first.UserId, second.UserId }));
        Assert.That(listed.Select(p => p.UserType), Is.All.EqualTo(MemberUserType.Business));
    }

    [Test]
    public async Task Delete_CurrentVersion_RemovesTheProfileAndFreesItsUsername()
    {
        var store = await CreateStore();
        var profile = NewProfile(OrganizationId.New(), "john.smith");
        var added = (await store.AddAsync(profile)).Value;

        var deleted = await store.DeleteAsync(profile.OrganizationId, profile.UserId, added.Version);

        Assert.That(deleted.IsSuccess, Is.True);
        Assert.That(await store.FindAsync(profile.OrganizationId, profile.UserId), Is.Null);
        Assert.That(await store.FindByUsernameAsync(profile.OrganizationId, "john.smith"), Is.Null);
        Assert.That((await store.AddAsync(NewProfile(profile.OrganizationId, "John.Smith"))).IsSuccess, Is.True, "the username is free again");
    }

    [Test]
    public async Task Delete_StaleVersionOrMissingProfile_IsRefusedWithExactCodes()
    {
        var store = await CreateStore();
        var profile = NewProfile(OrganizationId.New(), "john.smith");
        var added = (await store.AddAsync(profile)).Value;
        await store.UpdateAsync(added with { Email = "x@acme.example" });

        Assert.That((await store.DeleteAsync(profile.OrganizationId, profile.UserId, added.Version)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.DeleteAsync(profile.OrganizationId, UserId.New(), 1)).Error.Code, Is.EqualTo(StoreErrorCodes.NotFound));
        Assert.That(await store.FindAsync(profile.OrganizationId, profile.UserId), Is.Not.Null);
    }
}
