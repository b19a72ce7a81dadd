using System.Text;
using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

public sealed class RedisOneTimeStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private RedisOneTimeStore Store(string prefix, int database = 0) =>
        new(SharedRedis.Connection, new RedisOneTimeStoreOptions { KeyPrefix = prefix, Database = database }, _clock);

    private static string NewPrefix() => "test:" + Guid.NewGuid().ToString("N") + ":";

    [Test]
    public async Task TryAdd_ColonMovedBetweenPurposeAndKey_IsADifferentEntry()
    {
        var store = Store(NewPrefix());
        var expiry = _clock.GetUtcNow().AddMinutes(5);

        Assert.That(await store.TryAddAsync("a:b", "c", new byte[] { 1 }, expiry), Is.True);
        Assert.That(await store.TryAddAsync("a", "b:c", new byte[] { 2 }, expiry), Is.True, "(a:b, c) and (a, b:c) must not share a Redis key");
        Assert.That(await store.TryTakeAsync("a", "b:c"), Is.EqualTo(new byte[] { 2 }));
    }

    [Test]
    public async Task TryAdd_ExpiryAlreadyPast_ReturnsFalseAndStoresNothing()
    {
        var prefix = NewPrefix();
        var store = Store(prefix);

        Assert.That(await store.TryAddAsync("oidc.state", "k", new byte[] { 1 }, _clock.GetUtcNow()), Is.False);
        Assert.That(await store.TryAddAsync("oidc.state", "k", new byte[] { 1 }, _clock.GetUtcNow().AddSeconds(-1)), Is.False);
        Assert.That(await SharedRedis.Connection.GetDatabase().KeyExistsAsync(prefix + "10:oidc.state:k"), Is.False);
    }

    [Test]
    public async Task TryAdd_Entry_HasARedisTtlOfTheRemainingLifetime_AndTheConfiguredPrefixAndDatabase()
    {
        var prefix = NewPrefix();
        var store = Store(prefix, database: 3);

        await store.TryAddAsync("saml.assertion", "idp|id-1", new byte[] { 9 }, _clock.GetUtcNow().AddMinutes(7));

        var ttl = await SharedRedis.Connection.GetDatabase(3).KeyTimeToLiveAsync(prefix + "14:saml.assertion:idp|id-1");
        Assert.That(ttl, Is.Not.Null.And.InRange(TimeSpan.FromMinutes(6.9), TimeSpan.FromMinutes(7)));
        Assert.That(await SharedRedis.Connection.GetDatabase(0).KeyExistsAsync(prefix + "14:saml.assertion:idp|id-1"), Is.False);
    }

    [Test]
    public async Task TryTake_EntryWrittenByAnotherInstance_IsTakenOnceAcrossInstances()
    {
        var prefix = NewPrefix();
        using var other = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Connection.Configuration);
        var instanceA = Store(prefix);
        var instanceB = new RedisOneTimeStore(other, new RedisOneTimeStoreOptions { KeyPrefix = prefix }, _clock);

        await instanceA.TryAddAsync("oidc.state", "s", Encoding.UTF8.GetBytes("tx"), _clock.GetUtcNow().AddMinutes(5));

        Assert.That(await instanceB.TryAddAsync("oidc.state", "s", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(5)), Is.False);
        Assert.That(await instanceB.TryTakeAsync("oidc.state", "s"), Is.EqualTo(Encoding.UTF8.GetBytes("tx")));
        Assert.That(await instanceA.TryTakeAsync("oidc.state", "s"), Is.Null);
    }

    [Test]
    public async Task TryAdd_RacingAddersOnTwoConnections_ExactlyOneWins()
    {
        var prefix = NewPrefix();
        using var other = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Connection.Configuration);
        var stores = new[] { Store(prefix), new RedisOneTimeStore(other, new RedisOneTimeStoreOptions { KeyPrefix = prefix }, _clock) };

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => stores[i % 2].TryAddAsync("saml.assertion", "id", new byte[] { 1 }, _clock.GetUtcNow().AddMinutes(5)))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    [Test]
    public async Task TryAdd_UnreadableEntryUnderTheKey_IsTreatedAsLive()
    {
        var prefix = NewPrefix();
        var store = Store(prefix);
        await SharedRedis.Connection.GetDatabase().StringSetAsync(prefix + "14:saml.assertion:x", "garbage", TimeSpan.FromMinutes(1));

        Assert.That(await store.TryAddAsync("saml.assertion", "x", new byte[] { 1 }, _clock.GetUtcNow().AddMinutes(5)), Is.False);
        Assert.That(await store.TryTakeAsync("saml.assertion", "x"), Is.Null);
    }

    [Test]
    public void Options_Invalid_AreRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => new RedisOneTimeStoreOptions { KeyPrefix = "" }.Validate());
            Assert.Throws<ArgumentException>(() => new RedisOneTimeStoreOptions { Database = -1 }.Validate());
            Assert.Throws<ArgumentException>(() => new RedisOneTimeStoreOptions { OperationTimeout = TimeSpan.Zero }.Validate());
            Assert.Throws<ArgumentException>(() => new RedisOneTimeStoreOptions { ConnectTimeout = TimeSpan.FromMinutes(2) }.Validate());
            Assert.Throws<ArgumentException>(() => RedisOneTimeStore.Connect(new RedisOneTimeStoreOptions(), _clock));
        });
    }
}
