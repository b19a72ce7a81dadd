using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteSignInInvitationStoreContractTests : SignInInvitationStoreContract
{
    protected override async Task<ISignInInvitationStore> CreateStore() =>
        new EntityFrameworkSignInInvitationStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
