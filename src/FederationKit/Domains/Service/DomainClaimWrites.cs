using FederationKit.Events;
using FederationKit.Stores;

namespace FederationKit.Domains.Service;

/// <summary>
/// Runs the domain claim service's store writes with their <see cref="DomainClaimEvent"/>s (kept together through
/// <see cref="StoreWriteCommitter"/>), and tells every <see cref="IDomainVerificationHandler"/> when a claim became verified,
/// only after that write was kept (a handler writes on its own).
/// </summary>
internal sealed class DomainClaimWrites(StoreWriteCommitter writes, TimeProvider time, IReadOnlyList<IDomainVerificationHandler> handlers)
{
    /// <summary>Creates the helper without verification handlers.</summary>
    public DomainClaimWrites(StoreWriteCommitter writes, TimeProvider time)
        : this(writes, time, [])
    {
    }

    /// <summary>Runs <paramref name="write"/>; when it succeeds, raises the events <paramref name="events"/> makes of its result, caused by <paramref name="actor"/>.</summary>
    public Task<Result<T>> WriteAsync<T>(Func<CancellationToken, Task<Result<T>>> write, Func<T, IEnumerable<FederationEvent>> events, EventActor actor, CancellationToken cancellationToken) =>
        writes.WriteAsync(write, events, actor, cancellationToken);

    /// <summary>One event about <paramref name="claim"/> as stored, moved from <paramref name="previous"/>.</summary>
    public DomainClaimEvent Claim(string type, DomainClaim claim, DomainClaimState? previous) =>
        new(type, time.GetUtcNow(), claim.Id, claim.Owner, claim.Domain, previous, claim.State);

    /// <summary>Tells every handler that <paramref name="claim"/> became verified (ownership of its domain may have moved).</summary>
    public async Task VerifiedAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            await handler.OnVerifiedAsync(claim, cancellationToken).ConfigureAwait(false);
        }
    }
}
