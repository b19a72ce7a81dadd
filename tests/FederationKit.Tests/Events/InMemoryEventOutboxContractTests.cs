using FederationKit.Events.Outbox;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Events;

public sealed class InMemoryEventOutboxContractTests : EventOutboxContract
{
    protected override Task<IFederationEventOutbox> CreateOutbox() =>
        Task.FromResult<IFederationEventOutbox>(new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), Clock));
}
