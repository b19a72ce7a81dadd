using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryMemberProfileStoreContractTests : MemberProfileStoreContract
{
    protected override Task<IMemberProfileStore> CreateStore() => Task.FromResult<IMemberProfileStore>(new InMemoryMemberProfileStore());
}
