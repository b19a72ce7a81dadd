using FederationKit.Events;

namespace FederationKit.Domains.Service;

/// <summary>Publishes <see cref="DomainClaimEvent"/>s; called only after the change was stored.</summary>
internal sealed class DomainClaimEventPublisher(IFederationEventSink sink, TimeProvider time)
{
    /// <summary>Publishes one event about <paramref name="claim"/> as stored.</summary>
    public ValueTask PublishAsync(string type, DomainClaim claim, DomainClaimState? previous, CancellationToken cancellationToken) =>
        sink.PublishAsync(new DomainClaimEvent(type, time.GetUtcNow(), claim.Id, claim.Owner, claim.Domain, previous, claim.State), cancellationToken);
}
