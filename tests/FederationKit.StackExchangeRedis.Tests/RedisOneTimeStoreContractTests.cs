using FederationKit.OneTime;
using FederationKit.StoreContracts;

namespace FederationKit.StackExchangeRedis.Tests;

public sealed class RedisOneTimeStoreContractTests : OneTimeStoreContract
{
    // A fresh key prefix per store: an empty store on the shared server.
    protected override Task<IOneTimeStore> CreateStore() =>
        Task.FromResult<IOneTimeStore>(new RedisOneTimeStore(
            SharedRedis.Connection, new RedisOneTimeStoreOptions { KeyPrefix = "test:" + Guid.NewGuid().ToString("N") + ":" }, Clock));
}
