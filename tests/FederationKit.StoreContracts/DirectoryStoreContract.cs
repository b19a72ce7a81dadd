using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IDirectoryStore"/> must have.</summary>
public abstract class DirectoryStoreContract
{
    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IDirectoryStore> CreateStore();

    private static IdentityDirectory NewDirectory(OwnerRef owner, string name) => new()
    {
        Id = DirectoryId.New(),
        Owner = owner,
        Name = name,
        IdentityType = DirectoryIdentityType.Federated,
        MemberSubjectFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Test]
    public async Task Add_ThenFindAndList_ReturnsTheDirectory()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = NewDirectory(owner, "Staff") with { IsEncrypted = true, IsBeingDeleted = true };

        var added = await store.AddAsync(directory);

        Assert.That(added.Value.Version, Is.EqualTo(1));
        Assert.That(await store.FindAsync(directory.Id), Is.EqualTo(directory with { Version = 1 }));
        Assert.That((await store.ListByOwnerAsync(owner)).Single().Id, Is.EqualTo(directory.Id));
        Assert.That(await store.ListByOwnerAsync(OwnerRef.Organization(OrganizationId.New())), Is.Empty);
    }

    [Test]
    public async Task Add_SameNameSameOwnerAnyCase_IsDuplicate()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        await store.AddAsync(NewDirectory(owner, "Staff"));

        Assert.That((await store.AddAsync(NewDirectory(owner, "STAFF"))).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await store.AddAsync(NewDirectory(OwnerRef.Parent(ParentOrganizationId.New()), "Staff"))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Add_ConcurrentSameName_ExactlyOneWins()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync(NewDirectory(owner, "Staff")))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
    }

    [Test]
    public async Task Update_StaleVersionOrNameClash_IsRefused()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var a = (await store.AddAsync(NewDirectory(owner, "A"))).Value;
        await store.AddAsync(NewDirectory(owner, "B"));
        Assert.That((await store.UpdateAsync(a with { IsEncrypted = true })).IsSuccess, Is.True);

        Assert.That((await store.UpdateAsync(a with { IsBeingDeleted = true })).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.UpdateAsync(a with { Version = 2, Name = "b" })).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(((await store.FindAsync(a.Id))!.IsEncrypted, (await store.FindAsync(a.Id))!.IsBeingDeleted), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Update_Rename_CaseOnlyAndOtherOwnersName_AreAllowed_OwnersOtherNameAnyCaseIsNot()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var a = (await store.AddAsync(NewDirectory(owner, "staff"))).Value;
        await store.AddAsync(NewDirectory(owner, "Contractors"));
        await store.AddAsync(NewDirectory(OwnerRef.Organization(OrganizationId.New()), "Partners"));

        var caseOnly = await store.UpdateAsync(a with { Name = "Staff" });
        Assert.That(caseOnly.IsSuccess, Is.True, "a directory's own name in another case is no clash");
        Assert.That((await store.UpdateAsync(caseOnly.Value with { Name = "CONTRACTORS" })).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        var renamed = await store.UpdateAsync(caseOnly.Value with { Name = "Partners" });
        Assert.That(renamed.IsSuccess, Is.True, "another owner's name is free");
        Assert.That((await store.FindAsync(a.Id))!.Name, Is.EqualTo("Partners"));
        Assert.That((await store.AddAsync(NewDirectory(owner, "staff"))).IsSuccess, Is.True, "the old name is free again");
    }

    [Test]
    public async Task Delete_WithVersion_RemovesIt_StaleIsRefused()
    {
        var store = await CreateStore();
        var a = (await store.AddAsync(NewDirectory(OwnerRef.Organization(OrganizationId.New()), "A"))).Value;

        Assert.That((await store.DeleteAsync(a.Id, 7)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.DeleteAsync(a.Id, 1)).IsSuccess, Is.True);
        Assert.That(await store.FindAsync(a.Id), Is.Null);
        Assert.That((await store.DeleteAsync(a.Id, 1)).Error.Code, Is.EqualTo(StoreErrorCodes.NotFound));
    }

    [Test]
    public async Task ListAll_ReturnsTheDirectoriesOfEveryOwner()
    {
        var store = await CreateStore();
        var reader = store as IDirectoryBulkReader;
        Assert.That(reader, Is.Not.Null, "the shipped directory stores read every directory in one call");
        var a = (await store.AddAsync(NewDirectory(OwnerRef.Organization(OrganizationId.New()), "A"))).Value;
        var b = (await store.AddAsync(NewDirectory(OwnerRef.Organization(OrganizationId.New()), "B"))).Value;

        Assert.That((await reader!.ListAllAsync()).Select(d => d.Id), Is.EquivalentTo(new[] { a.Id, b.Id }));
    }
}
