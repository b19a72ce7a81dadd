using FederationKit.EntityFrameworkCore.Tests.StoreWrites;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresStoreWriteFaultInjectionTests : StoreWriteFaultInjectionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor) =>
        (await PostgresDatabase.CreateAsync()).WithInterceptor(interceptor);
}
