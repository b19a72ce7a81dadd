using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteChangeSetFaultInjectionTests : ChangeSetFaultInjectionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor) =>
        (await SqliteDatabase.CreateAsync()).WithInterceptor(interceptor);
}
