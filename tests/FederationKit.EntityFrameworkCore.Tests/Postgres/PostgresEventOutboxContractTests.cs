using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresEventOutboxContractTests : EventOutboxContract
{
    protected override async Task<IFederationEventOutbox> CreateOutbox() =>
        new EntityFrameworkEventOutbox<FederationKitDbContext>(await PostgresDatabase.CreateAsync(), FederationEventTypeRegistry.Core, Clock);
}
