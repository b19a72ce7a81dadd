using FederationKit.EntityFrameworkCore.Tests.Outbox;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteOutboxTransactionTests : OutboxTransactionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> CreateDatabase() => await SqliteDatabase.CreateAsync();
}
