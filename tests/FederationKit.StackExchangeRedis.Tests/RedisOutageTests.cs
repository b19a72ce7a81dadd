using System.Diagnostics;
using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>Redis stopped mid-run: the store fails closed within its timeout and recovers by itself when Redis returns.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Test]
    public async Task Operations_RedisStoppedThenRestarted_FailClosedWithinTheTimeout_ThenSucceedAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = await RedisServer.StartAsync();
        using var store = RedisOneTimeStore.Connect(
            new RedisOneTimeStoreOptions { ConnectionString = server.ConnectionString, OperationTimeout = Timeout, ConnectTimeout = Timeout }, clock);
        Assert.That(await store.TryAddAsync("saml.assertion", "before", new byte[] { 1 }, clock.GetUtcNow().AddMinutes(5)), Is.True);

        server.Stop();

        var watch = Stopwatch.StartNew();
        var add = Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() =>
            store.TryAddAsync("saml.assertion", "during", new byte[] { 1 }, clock.GetUtcNow().AddMinutes(5)));
        var take = Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() => store.TryTakeAsync("saml.assertion", "before"));
        watch.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(watch.Elapsed, Is.LessThan(Timeout * 2 + TimeSpan.FromSeconds(2)), "both calls are bounded by the timeout");
            Assert.That(OneTimeStoreUnavailableException.Code, Is.EqualTo("store.onetime_unavailable"));
            Assert.That(add!.InnerException, Is.Not.Null);
            Assert.That(take!.InnerException, Is.Not.Null);
        });

        await server.RestartAsync();

        var recovered = Stopwatch.StartNew();
        bool? added = null;
        while (added is null && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                added = await store.TryAddAsync("saml.assertion", "after", new byte[] { 2 }, clock.GetUtcNow().AddMinutes(5));
            }
            catch (OneTimeStoreUnavailableException)
            {
                await Task.Delay(200);
            }
        }

        Assert.That(added, Is.True, "the store reconnects by itself once Redis is back");
        Assert.That(await store.TryAddAsync("saml.assertion", "after", new byte[] { 2 }, clock.GetUtcNow().AddMinutes(5)), Is.False);
        Assert.That(await store.TryTakeAsync("saml.assertion", "after"), Is.EqualTo(new byte[] { 2 }));
    }

    [Test]
    public async Task Operations_RedisDownAtStart_FailClosed_ThenSucceedWhenRedisStarts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = await RedisServer.StartAsync();
        server.Stop();
        using var store = RedisOneTimeStore.Connect(
            new RedisOneTimeStoreOptions { ConnectionString = server.ConnectionString, OperationTimeout = Timeout, ConnectTimeout = Timeout }, clock);

        Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() => store.TryTakeAsync("oidc.state", "s"));

        await server.RestartAsync();
        var recovered = Stopwatch.StartNew();
        bool? added = null;
        while (added is null && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                added = await store.TryAddAsync("oidc.state", "s", new byte[] { 1 }, clock.GetUtcNow().AddMinutes(5));
            }
            catch (OneTimeStoreUnavailableException)
            {
                await Task.Delay(200);
            }
        }

        Assert.That(added, Is.True);
    }
}
