using FederationKit.EntityFrameworkCore.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresUpgradeForDirectorySyncTests : UpgradeForDirectorySyncTests
{
    protected override DbContextOptions<FederationKitDbContext> NewDatabase() =>
        new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitNpgsql(PostgresServer.ConnectionString("fk_" + Guid.NewGuid().ToString("N"))).Options;

    protected override object Id(Guid id) => id;
}
