using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresMemberProfileStoreContractTests : MemberProfileStoreContract
{
    protected override async Task<IMemberProfileStore> CreateStore() =>
        new EntityFrameworkMemberProfileStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
