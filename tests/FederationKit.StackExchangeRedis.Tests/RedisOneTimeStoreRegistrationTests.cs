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
    public async Task AddStackExchangeRedisOneTimeStore_InvalidOptions_FailsAtStartNamingIt()
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddStackExchangeRedisOneTimeStore(o => o.KeyPrefix = ""));

        Assert.That(refused.Failures.Single(), Does.StartWith("FederationKit:Redis:KeyPrefix must not be empty"));
    }

    [Test]
    public void AddStackExchangeRedisOneTimeStore_HostStoreRegisteredBefore_Wins()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryOneTimeStore(TimeProvider.System);
        services.AddSingleton<IOneTimeStore>(mine);
        services.AddFederationKit().AddStackExchangeRedisOneTimeStore(o => o.ConnectionString = "127.0.0.1:1");
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IOneTimeStore>().Single(), Is.SameAs(mine));
    }

    [Test]
    public void ReplaceOneTimeStore_BeforeAddStackExchangeRedisOneTimeStore_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceOneTimeStore<HostStore>().AddStackExchangeRedisOneTimeStore(o => o.ConnectionString = "127.0.0.1:1");
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IOneTimeStore>().Single(), Is.TypeOf<HostStore>());
    }

    [Test]
    public void AddStackExchangeRedisOneTimeStore_Configuration_BindsEverySetting()
    {
        using var host = FederationKit.Tests.Shared.OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration).AddStackExchangeRedisOneTimeStore().AddStackExchangeRedisOneTimeStoreHealthCheck(), new Dictionary<string, string?>
        {
            ["FederationKit:Redis:ConnectionString"] = "redis.internal:6379",
            ["FederationKit:Redis:KeyPrefix"] = "acme:",
            ["FederationKit:Redis:Database"] = "3",
            ["FederationKit:Redis:OperationTimeout"] = "00:00:02",
            ["FederationKit:Redis:ConnectTimeout"] = "00:00:04",
            ["FederationKit:Redis:HealthCheck:Name"] = "redis",
            ["FederationKit:Redis:HealthCheck:Timeout"] = "00:00:01",
        });
        var store = host.Services.GetRequiredService<RedisOneTimeStoreOptions>();
        var check = host.Services.GetRequiredService<FederationKit.StackExchangeRedis.Health.RedisOneTimeStoreHealthCheckOptions>();

        Assert.That((store.ConnectionString, store.KeyPrefix, store.Database, store.OperationTimeout, store.ConnectTimeout),
            Is.EqualTo(("redis.internal:6379", "acme:", 3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4))));
        Assert.That((check.Name, check.Timeout), Is.EqualTo(("redis", TimeSpan.FromSeconds(1))));
    }

    private sealed class HostStore : IOneTimeStore
    {
        public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }
}
