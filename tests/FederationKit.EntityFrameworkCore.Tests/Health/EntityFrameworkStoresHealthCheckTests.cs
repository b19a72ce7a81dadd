using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FederationKit.EntityFrameworkCore.Health;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.EntityFrameworkCore.Tests.Sqlite;
using FederationKit.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.EntityFrameworkCore.Tests.Health;

/// <summary>
/// The store health check through the real health check service against a SQLite file: Healthy when the FederationKit schema
/// answers, Unhealthy (never naming the file) when it is missing. The PostgreSQL cases are in <c>PostgresStoresHealthCheckTests</c>.
/// </summary>
public sealed class EntityFrameworkStoresHealthCheckTests
{
    internal const string Password = "Pa55-health-check-secret";

    internal static async Task<HealthReportEntry> CheckAsync(Action<DbContextOptionsBuilder> database, Action<EntityFrameworkStoresHealthCheckOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(database).AddEntityFrameworkStoresHealthCheck(configure);
        var report = await HealthReports.RunAsync(services);
        return report.Entries[EntityFrameworkStoresHealthCheckOptions.DefaultName];
    }

    [Test]
    public async Task CheckHealth_SqliteFileWithSchema_Healthy()
    {
        var database = await SqliteDatabase.CreateAsync();

        var entry = await CheckAsync(o => o.UseFederationKitSqlite($"Data Source={database.Path};Pooling=False"));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Tags, Is.EquivalentTo(new[] { "federationkit", "store" }));
    }

    [Test]
    public async Task CheckHealth_SqliteFileWithoutSchema_Unhealthy()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-health-").FullName, "empty.db");

        var entry = await CheckAsync(o => o.UseFederationKitSqlite($"Data Source={path};Pooling=False"));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.StartWith("The FederationKit database could not be queried (SqliteException)"));
        Assert.That(HealthReports.Shown(entry), Does.Not.Contain(path));
    }

    [Test]
    public async Task CheckHealth_SqliteDirectoryMissing_UnhealthyWithoutThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "fedkit-missing-" + Guid.NewGuid().ToString("N"), "fedkit.db");

        var entry = await CheckAsync(o => o.UseFederationKitSqlite($"Data Source={path};Pooling=False"), o => o.Timeout = TimeSpan.FromSeconds(30));

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Data["reason"], Is.EqualTo("error"));
        Assert.That(HealthReports.Shown(entry), Does.Not.Contain(path));
    }

    [Test]
    public async Task AddEntityFrameworkStoresHealthCheck_TimeoutZero_FailsAtStartNamingIt()
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddEntityFrameworkStoresHealthCheck(o => o.Timeout = TimeSpan.Zero));

        Assert.That(refused.Failures, Is.EqualTo(new[] { "FederationKit:EntityFrameworkCore:HealthCheck:Timeout must be above zero and at most one minute." }));
    }

    [Test]
    public void AddEntityFrameworkStoresHealthCheck_Configuration_BindsEverySetting()
    {
        using var host = FederationKit.Tests.Shared.OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration).AddEntityFrameworkStoresHealthCheck(), new Dictionary<string, string?>
        {
            ["FederationKit:EntityFrameworkCore:HealthCheck:Name"] = "db",
            ["FederationKit:EntityFrameworkCore:HealthCheck:Timeout"] = "00:00:02",
        });
        var options = host.Services.GetRequiredService<FederationKit.EntityFrameworkCore.Health.EntityFrameworkStoresHealthCheckOptions>();

        Assert.That((options.Name, options.Timeout), Is.EqualTo(("db", TimeSpan.FromSeconds(2))));
    }

    internal static void AssertNoSecret(HealthReportEntry entry, string connectionString)
    {
        var shown = HealthReports.Shown(entry);
        Assert.That(shown, Does.Not.Contain(Password));
        Assert.That(shown, Does.Not.Contain(connectionString));
        Assert.That(shown, Does.Not.Contain("Host="));
        Assert.That(shown, Does.Not.Contain("127.0.0.1"));
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
