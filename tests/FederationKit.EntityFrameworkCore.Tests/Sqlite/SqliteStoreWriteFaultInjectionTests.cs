using FederationKit.EntityFrameworkCore.Tests.StoreWrites;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteStoreWriteFaultInjectionTests : StoreWriteFaultInjectionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor) =>
        (await SqliteDatabase.CreateAsync()).WithInterceptor(interceptor);
}
