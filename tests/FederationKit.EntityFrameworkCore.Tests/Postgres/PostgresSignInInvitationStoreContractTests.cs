using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSignInInvitationStoreContractTests : SignInInvitationStoreContract
{
    protected override async Task<ISignInInvitationStore> CreateStore() =>
        new EntityFrameworkSignInInvitationStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
