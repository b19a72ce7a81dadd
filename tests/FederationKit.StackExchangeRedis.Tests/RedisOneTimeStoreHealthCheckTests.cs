using System.Diagnostics;
using System.Globalization;
using FederationKit.OneTime;
using FederationKit.StackExchangeRedis.Health;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// The Redis one-time store health check through the real health check service against redis-server on 127.0.0.1: Healthy
/// when Redis answers PING; Unhealthy, never naming the endpoint or password, when nothing listens or Redis stops answering
/// (within the check's timeout).
/// </summary>
public sealed class RedisOneTimeStoreHealthCheckTests
{
    private const string Password = "Pa55-redis-health-secret";

    private static async Task<HealthReportEntry> CheckAsync(Action<IServiceCollection> register, Action<RedisOneTimeStoreOptions> store, Action<RedisOneTimeStoreHealthCheckOptions>? check = null)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddFederationKit().AddStackExchangeRedisOneTimeStore(store).AddStackExchangeRedisOneTimeStoreHealthCheck(check);
        var report = await HealthReports.RunAsync(services);
        return report.Entries[RedisOneTimeStoreHealthCheckOptions.DefaultName];
    }

    [Test]
    public async Task CheckHealth_RedisAnswers_Healthy()
    {
        var entry = await CheckAsync(s => s.AddSingleton<IConnectionMultiplexer>(SharedRedis.Connection), _ => { });

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Tags, Is.EquivalentTo(new[] { "federationkit", "store" }));
    }

    [Test]
    public async Task CheckHealth_NothingListens_UnhealthyWithoutEndpointOrPassword()
    {
        var port = FederationKit.Tests.Shared.TestPorts.Free();
        var connectionString = $"127.0.0.1:{port},password={Password}";

        var entry = await CheckAsync(_ => { }, o => (o.ConnectionString, o.ConnectTimeout) = (connectionString, TimeSpan.FromSeconds(1)));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.StartWith("The Redis one-time store is unreachable"));
        var shown = HealthReports.Shown(entry);
        Assert.That(shown, Does.Not.Contain(Password));
        Assert.That(shown, Does.Not.Contain("127.0.0.1"));
        Assert.That(shown, Does.Not.Contain(port.ToString(CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task CheckHealth_RedisStopsAnswering_UnhealthyWithinTheTimeout()
    {
        using var server = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true");
        await using var pauser = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true");
        await pauser.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000", "ALL");
        var watch = Stopwatch.StartNew();

        var entry = await CheckAsync(
            s => s.AddSingleton<IConnectionMultiplexer>(connection),
            _ => { },
            o => o.Timeout = TimeSpan.FromSeconds(1));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Is.EqualTo("The Redis one-time store did not answer PING within 1 s."));
    }

    [Test]
    public async Task CheckHealth_OneTimeStoreReplacedAfterRedis_UnhealthySaysSo()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(SharedRedis.Connection);
        services.AddFederationKit().AddStackExchangeRedisOneTimeStore().AddStackExchangeRedisOneTimeStoreHealthCheck();
        services.AddSingleton<IOneTimeStore>(new InMemoryOneTimeStore(TimeProvider.System));

        var entry = (await HealthReports.RunAsync(services)).Entries[RedisOneTimeStoreHealthCheckOptions.DefaultName];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Data["reason"], Is.EqualTo("not_redis"));
    }

    [Test]
    public async Task AddStackExchangeRedisOneTimeStoreHealthCheck_EmptyName_FailsAtStartNamingIt()
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddStackExchangeRedisOneTimeStoreHealthCheck(o => o.Name = " "));

        Assert.That(refused.Failures, Is.EqualTo(new[] { "FederationKit:Redis:HealthCheck:Name must not be empty." }));
    }
}
