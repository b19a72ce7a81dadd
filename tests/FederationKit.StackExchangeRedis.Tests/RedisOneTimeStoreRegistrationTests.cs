using FederationKit.OneTime;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

public sealed class RedisOneTimeStoreRegistrationTests
{
    [Test]
    public void AddStackExchangeRedisOneTimeStore_HostConnection_ReplacesTheInMemoryDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(SharedRedis.Connection);
        services.AddFederationKit().AddStackExchangeRedisOneTimeStore(o => o.KeyPrefix = "reg:");
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOneTimeStore>(), Is.TypeOf<RedisOneTimeStore>());
        Assert.That(services.Count(d => d.ServiceType == typeof(IOneTimeStore)), Is.EqualTo(1));
    }

    [Test]
    public async Task AddStackExchangeRedisOneTimeStore_ConnectionString_OpensItsOwnConnection()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddStackExchangeRedisOneTimeStore(o =>
        {
            o.ConnectionString = SharedRedis.Connection.Configuration;
            o.KeyPrefix = "reg:" + Guid.NewGuid().ToString("N") + ":";
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOneTimeStore>();

        Assert.That(await store.TryAddAsync("oidc.state", "k", new byte[] { 5 }, DateTimeOffset.UtcNow.AddMinutes(1)), Is.True);
        Assert.That(await store.TryTakeAsync("oidc.state", "k"), Is.EqualTo(new byte[] { 5 }));
    }

    [Test]
    public void AddStackExchangeRedisOneTimeStore_InvalidOptions_Throws()
    {
        var builder = new ServiceCollection().AddFederationKit();

        Assert.Throws<ArgumentException>(() => builder.AddStackExchangeRedisOneTimeStore(o => o.KeyPrefix = ""));
    }
}
