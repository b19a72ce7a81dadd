using System.Diagnostics;
using FederationKit.SignIn.Routing;
using FederationKit.Tests.Shared;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// Two router instances in one process, each with its own cache, on a real redis-server: a change made on A reaches B within a
/// second; a lost subscription shortens B's cache lifetime and comes back by itself.
/// </summary>
public sealed class RedisRouteInvalidationTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static string Domain() => "d" + Guid.NewGuid().ToString("N")[..12] + ".example";

    private static string Channel() => "fedkit:routes:" + Guid.NewGuid().ToString("N");

    private static Task<RouteInstance> StartAsync(SharedRoutes routes, string redis, Action<RedisRouteInvalidationOptions>? configure = null) =>
        RouteInstance.StartAsync(routes, builder => builder.AddStackExchangeRedisRouteInvalidation(o =>
        {
            o.ConnectionString = redis;
            o.OperationTimeout = TimeSpan.FromSeconds(1);
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
            o.CheckInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        }));


    [Test]
    public async Task InvalidateDirectory_ChangeOnInstanceA_InstanceBRoutesTheNewProfileWithinOneSecond()
    {
        var routes = new SharedRoutes();
        var domain = Domain();
        routes.Set(SharedRoutes.Unfederated(domain));
        var channel = Channel();
        await using var a = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        await using var b = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)) && await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(await b.Router.RouteAsync("jane@" + domain), Is.TypeOf<LocalRoute>(), "B caches the route without an IdP");

        // The admin activates a profile on A: the store changes, then the profile service tells A's invalidation.
        routes.Set(SharedRoutes.Federated(domain));
        await a.Invalidation.InvalidateDirectoryAsync(SharedRoutes.Directory);

        Assert.That(await a.TimeUntilFederatedAsync( domain, OneSecond), Is.Not.Null, "A itself at once");
        var seen = await b.TimeUntilFederatedAsync( domain, OneSecond);
        Assert.That(seen, Is.Not.Null, "B sees the change within a second, far before its 30 s cache lifetime");
    }

    [Test]
    public async Task InvalidateDomains_ChangeOnInstanceA_InstanceBDropsTheDomainWithinOneSecond()
    {
        var routes = new SharedRoutes();
        var domain = Domain();
        var channel = Channel();
        await using var a = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        await using var b = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)) && await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(await b.Router.RouteAsync("jane@sub." + domain), Is.TypeOf<LocalRoute>());

        routes.Set(SharedRoutes.Federated(domain));
        await a.Invalidation.InvalidateDomainsAsync([domain]);

        Assert.That(await b.TimeUntilFederatedAsync( "sub." + domain, OneSecond), Is.Not.Null, "a subdomain cached on B is dropped too");
    }

    [Test]
    public async Task Subscriber_PubSubConnectionKilled_ShortensTheCacheThenResubscribesByItself()
    {
        var routes = new SharedRoutes();
        var domain = Domain();
        var channel = Channel();
        await using var a = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        await using var b = await StartAsync(routes, SharedRedis.Connection.Configuration, o => o.Channel = channel);
        Assert.That(await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);

        using (var admin = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Connection.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }

        Assert.That(await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(15)), Is.True, "B subscribes again by itself");
        Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(await b.Router.RouteAsync("jane@" + domain), Is.TypeOf<LocalRoute>());
        routes.Set(SharedRoutes.Federated(domain));
        await a.Invalidation.InvalidateDomainsAsync([domain]);
        Assert.That(await b.TimeUntilFederatedAsync( domain, OneSecond), Is.Not.Null, "messages flow again after the reconnect");
    }

    [Test]
    public async Task Feed_RedisStoppedThenRestarted_CachedRoutesLiveAtMostOneSecondMeanwhile_ThenChangesFlowAgain()
    {
        using var server = await RedisServer.StartAsync();
        var routes = new SharedRoutes();
        var domain = Domain();
        await using var a = await StartAsync(routes, server.ConnectionString);
        await using var b = await StartAsync(routes, server.ConnectionString);
        Assert.That(await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);

        server.Stop();
        Assert.That(await b.WaitUntilConnectedAsync(false, TimeSpan.FromSeconds(5)), Is.True, "B notices the lost subscription");

        // A change on A cannot be published now (logged, not thrown: the change is stored); B's short lifetime bounds the staleness.
        Assert.That(await b.Router.RouteAsync("jane@" + domain), Is.TypeOf<LocalRoute>());
        routes.Set(SharedRoutes.Federated(domain));
        var watch = Stopwatch.StartNew();
        await a.Invalidation.InvalidateDomainsAsync([domain]);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "the publish is bounded by its timeout");
        Assert.That(await b.TimeUntilFederatedAsync( domain, TimeSpan.FromSeconds(2)), Is.Not.Null, "B keeps routes at most a second while unsubscribed");

        await server.RestartAsync();
        Assert.That(await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(30)), Is.True, "B subscribes again by itself");
        Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(30)), Is.True);

        var other = Domain();
        Assert.That(await b.Router.RouteAsync("jane@" + other), Is.TypeOf<LocalRoute>());
        routes.Set(SharedRoutes.Federated(other));
        await a.Invalidation.InvalidateDomainsAsync([other]);
        Assert.That(await b.TimeUntilFederatedAsync( other, OneSecond), Is.Not.Null, "after the restart changes flow again within a second");
    }
}
