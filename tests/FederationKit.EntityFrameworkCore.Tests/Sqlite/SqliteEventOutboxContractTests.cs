using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteEventOutboxContractTests : EventOutboxContract
{
    protected override async Task<IFederationEventOutbox> CreateOutbox() =>
        new EntityFrameworkEventOutbox<FederationKitDbContext>(await SqliteDatabase.CreateAsync(), FederationEventTypeRegistry.Core, Clock);
}
