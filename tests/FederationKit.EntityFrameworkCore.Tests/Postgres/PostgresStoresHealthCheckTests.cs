using System.Diagnostics;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.EntityFrameworkCore.Tests.Health;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// The store health check against the test PostgreSQL server: Healthy when the FederationKit schema answers; Unhealthy, never
/// naming the connection string, host or password, when the database is missing, the port refuses or the server hangs (within
/// the timeout).
/// </summary>
public sealed class PostgresStoresHealthCheckTests
{
    [Test]
    public async Task CheckHealth_PostgresWithSchema_Healthy()
    {
        var database = await PostgresDatabase.CreateAsync();

        var entry = await EntityFrameworkStoresHealthCheckTests.CheckAsync(o => o.UseFederationKitNpgsql(database.ConnectionString));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
    }

    [Test]
    public async Task CheckHealth_PostgresDatabaseMissing_UnhealthyWithSqlStateAndNoSecret()
    {
        var connectionString = PostgresServer.ConnectionString("fk_missing_" + Guid.NewGuid().ToString("N")) + $";Password={EntityFrameworkStoresHealthCheckTests.Password}";

        var entry = await EntityFrameworkStoresHealthCheckTests.CheckAsync(o => o.UseFederationKitNpgsql(connectionString));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Data["sqlState"], Is.EqualTo("3D000"), "invalid_catalog_name");
        EntityFrameworkStoresHealthCheckTests.AssertNoSecret(entry, connectionString);
    }

    [Test]
    public async Task CheckHealth_PostgresPortRefuses_UnhealthyWithoutTheConnectionString()
    {
        var port = EntityFrameworkStoresHealthCheckTests.ClosedPort();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=fedkit;Password={EntityFrameworkStoresHealthCheckTests.Password};Database=fedkit";

        var entry = await EntityFrameworkStoresHealthCheckTests.CheckAsync(o => o.UseFederationKitNpgsql(connectionString));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.StartWith("The FederationKit database could not be queried"));
        EntityFrameworkStoresHealthCheckTests.AssertNoSecret(entry, connectionString);
        Assert.That(HealthReports.Shown(entry), Does.Not.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task CheckHealth_PostgresServerHangs_UnhealthyWithinTheTimeout()
    {
        using var silent = new SilentTcpServer();
        var connectionString = $"Host=127.0.0.1;Port={silent.Port};Username=fedkit;Password={EntityFrameworkStoresHealthCheckTests.Password};Database=fedkit;Timeout=60;Pooling=false";
        var watch = Stopwatch.StartNew();

        var entry = await EntityFrameworkStoresHealthCheckTests.CheckAsync(o => o.UseFederationKitNpgsql(connectionString), o => o.Timeout = TimeSpan.FromSeconds(1));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Is.EqualTo("The FederationKit database did not answer within 1 s."));
        EntityFrameworkStoresHealthCheckTests.AssertNoSecret(entry, connectionString);
    }
}
