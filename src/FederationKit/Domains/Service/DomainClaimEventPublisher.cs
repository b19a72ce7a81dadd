using FederationKit.Events;

namespace FederationKit.Domains.Service;

/// <summary>
/// Publishes <see cref="DomainClaimEvent"/>s, and tells every <see cref="IDomainVerificationHandler"/> when a claim became verified;
/// called only after the change was stored.
/// </summary>
internal sealed class DomainClaimEventPublisher(IFederationEventSink sink, TimeProvider time, IReadOnlyList<IDomainVerificationHandler> handlers)
{
    /// <summary>Creates a publisher without verification handlers.</summary>
    public DomainClaimEventPublisher(IFederationEventSink sink, TimeProvider time)
        : this(sink, time, [])
    {
    }

    /// <summary>Tells every handler that <paramref name="claim"/> became verified (ownership of its domain may have moved).</summary>
    public async Task VerifiedAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            await handler.OnVerifiedAsync(claim, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes one event about <paramref name="claim"/> as stored, caused by <c>actor</c> (an administrator, or the system for scheduled checks).</summary>
    public ValueTask PublishAsync(string type, DomainClaim claim, DomainClaimState? previous, EventActor actor, CancellationToken cancellationToken) =>
        sink.PublishAsync(new DomainClaimEvent(type, time.GetUtcNow(), claim.Id, claim.Owner, claim.Domain, previous, claim.State) { Actor = actor }, cancellationToken);
}
