using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresChangeSetFaultInjectionTests : ChangeSetFaultInjectionTests
{
    protected override async Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor) =>
        (await PostgresDatabase.CreateAsync()).WithInterceptor(interceptor);
}
