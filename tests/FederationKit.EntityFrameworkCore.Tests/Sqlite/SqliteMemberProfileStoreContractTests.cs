using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteMemberProfileStoreContractTests : MemberProfileStoreContract
{
    protected override async Task<IMemberProfileStore> CreateStore() =>
        new EntityFrameworkMemberProfileStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
