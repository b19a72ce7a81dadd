using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.SignIn.Routing;
using FederationKit.Tests.Shared;
using Npgsql;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// Two router instances in one process, each with its own cache, on a real PostgreSQL over <c>LISTEN/NOTIFY</c>: a change made
/// on A reaches B within a second, large changes are split under the 8000-byte payload limit, and a killed listener
/// connection comes back by itself.
/// </summary>
public sealed class PostgresRouteInvalidationTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static string Domain() => "d" + Guid.NewGuid().ToString("N")[..12] + ".example";

    private static Task<RouteInstance> StartAsync(SharedRoutes routes, string channel, string database) =>
        RouteInstance.StartAsync(routes, builder => builder.AddPostgreSqlRouteInvalidation(o =>
        {
            o.ConnectionString = PostgresServer.ConnectionString(database);
            o.Channel = channel;
            o.OperationTimeout = TimeSpan.FromSeconds(2);
            o.ReconnectDelay = TimeSpan.FromMilliseconds(300);
            o.CheckInterval = TimeSpan.FromMilliseconds(500);
        }));

    private static string Channel() => "fedkit_routes_" + Guid.NewGuid().ToString("N");

    /// <summary>An empty database of its own: the instances' connections are the only sessions on it.</summary>
    private static async Task<string> NewDatabaseAsync()
    {
        var name = "fk_routes_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    private static async Task<(RouteInstance A, RouteInstance B)> TwoInstancesAsync(SharedRoutes routes, string channel, string? database = null)
    {
        database ??= await NewDatabaseAsync();
        var a = await StartAsync(routes, channel, database);
        var b = await StartAsync(routes, channel, database);
        Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)) && await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);
        return (a, b);
    }

    [Test]
    public async Task InvalidateDirectory_ChangeOnInstanceA_InstanceBRoutesTheNewProfileWithinOneSecond()
    {
        var routes = new SharedRoutes();
        var domain = Domain();
        routes.Set(SharedRoutes.Unfederated(domain));
        var (a, b) = await TwoInstancesAsync(routes, Channel());
        await using (a)
        await using (b)
        {
            Assert.That(await b.Router.RouteAsync("jane@" + domain), Is.TypeOf<LocalRoute>());

            routes.Set(SharedRoutes.Federated(domain));
            await a.Invalidation.InvalidateDirectoryAsync(SharedRoutes.Directory);

            Assert.That(await b.TimeUntilFederatedAsync(domain, OneSecond), Is.Not.Null, "B sees the change within a second");
        }
    }

    [Test]
    public async Task InvalidateDomains_MoreThanOneNotifyPayload_SplitAndEveryDomainDroppedOnB()
    {
        var routes = new SharedRoutes();
        var domains = Enumerable.Range(0, 600).Select(_ => Domain()).ToArray();
        var (a, b) = await TwoInstancesAsync(routes, Channel());
        await using (a)
        await using (b)
        {
            Assert.That(await b.Router.RouteAsync("jane@" + domains[0]), Is.TypeOf<LocalRoute>());
            Assert.That(await b.Router.RouteAsync("jane@" + domains[^1]), Is.TypeOf<LocalRoute>());

            // About 15,000 bytes of domains: one NOTIFY would be refused by PostgreSQL.
            foreach (var domain in domains)
            {
                routes.Set(SharedRoutes.Federated(domain));
            }

            await a.Invalidation.InvalidateDomainsAsync(domains);

            Assert.That(await b.TimeUntilFederatedAsync(domains[0], OneSecond), Is.Not.Null);
            Assert.That(await b.TimeUntilFederatedAsync(domains[^1], OneSecond), Is.Not.Null, "the last domain travels in a later payload");
        }
    }

    [Test]
    public async Task Listener_ConnectionTerminated_ShortensTheCacheThenListensAgainByItself()
    {
        var routes = new SharedRoutes();
        var domain = Domain();
        var channel = Channel();
        var database = await NewDatabaseAsync();
        var (a, b) = await TwoInstancesAsync(routes, channel, database);
        await using (a)
        await using (b)
        {
            await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString("postgres")))
            {
                await admin.OpenAsync();
                // Every session on the instances' own database: both listeners (and any pooled publisher connection).
                await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", admin);
                kill.Parameters.AddWithValue("database", database);
                Assert.That(await kill.ExecuteScalarAsync(), Is.GreaterThanOrEqualTo(2L));
            }

            Assert.That(await b.WaitUntilConnectedAsync(false, TimeSpan.FromSeconds(10)), Is.True, "B notices the lost connection");
            Assert.That(await b.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True, "B listens again by itself");
            Assert.That(await a.WaitUntilConnectedAsync(true, TimeSpan.FromSeconds(10)), Is.True);

            Assert.That(await b.Router.RouteAsync("jane@" + domain), Is.TypeOf<LocalRoute>());
            routes.Set(SharedRoutes.Federated(domain));
            await a.Invalidation.InvalidateDomainsAsync([domain]);
            Assert.That(await b.TimeUntilFederatedAsync(domain, OneSecond), Is.Not.Null, "notifications flow again after the reconnect");
        }
    }
}
