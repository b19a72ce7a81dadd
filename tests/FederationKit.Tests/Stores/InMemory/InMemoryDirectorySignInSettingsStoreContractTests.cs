using FederationKit.SignIn.Settings;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDirectorySignInSettingsStoreContractTests : DirectorySignInSettingsStoreContract
{
    protected override Task<IDirectorySignInSettingsStore> CreateStore() => Task.FromResult<IDirectorySignInSettingsStore>(new InMemoryDirectorySignInSettingsStore());
}
