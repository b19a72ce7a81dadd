using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemorySignInInvitationStoreContractTests : SignInInvitationStoreContract
{
    protected override Task<ISignInInvitationStore> CreateStore() => Task.FromResult<ISignInInvitationStore>(new InMemorySignInInvitationStore());
}
