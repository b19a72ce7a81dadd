using System.Collections.Immutable;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteParentOrganizationStoreTests
{
    [Test]
    public async Task AddUpdateFind_WithStaleSecondUpdate_KeepsFirstAndRefusesSecond()
    {
        var store = new EntityFrameworkParentOrganizationStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
        var admin = new OrganizationMember(UserId.New(), "admin@group.example", OrganizationRole.Admin);
        var added = (await store.AddAsync(new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = "Group",
            Administrators = ImmutableList.Create(admin),
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        })).Value;

        var first = await store.UpdateAsync(added with { Name = "Group One" });
        var second = await store.UpdateAsync(added with { Name = "Group Two" });
        var loaded = await store.FindAsync(added.Id);

        Assert.That(first.IsSuccess, Is.True);
        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That(loaded!.Name, Is.EqualTo("Group One"));
        Assert.That(loaded.Version, Is.EqualTo(2));
        Assert.That(loaded.Administrators.Single(), Is.EqualTo(admin));
        Assert.That((await store.AddAsync(added)).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }
}
