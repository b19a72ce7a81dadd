using FederationKit.EntityFrameworkCore.Tests.Outbox;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresOutboxTransactionTests : OutboxTransactionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> CreateDatabase() => await PostgresDatabase.CreateAsync();
}
