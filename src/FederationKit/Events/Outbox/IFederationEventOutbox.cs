using FederationKit.Organizations;

namespace FederationKit.Events.Outbox;

/// <summary>
/// Where events wait until a <see cref="FederationEventDispatcher"/> has delivered them to every
/// <see cref="IFederationEventHandler"/>, and what the audit trail is read from. Entries of one aggregate are handed out in
/// append order, one dispatcher at a time (a lease per entry); a dead-lettered entry no longer holds back its aggregate.
/// Time is read from the store's <see cref="TimeProvider"/>.
/// </summary>
public interface IFederationEventOutbox
{
    /// <summary>Appends events, in order, as one unit: all are stored or none (<see cref="OutboxErrorCodes.Full"/>, <see cref="OutboxErrorCodes.EventTypeUnregistered"/>).</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Result> AppendAsync(IReadOnlyList<FederationEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxEntries"/> deliverable entries for <paramref name="leaseDuration"/>: per aggregate, the
    /// earliest pending entry and the pending entries right after it, while each is due and not leased by another dispatcher.
    /// Returned in delivery order: sequence order, except that a database outbox orders by commit order (an entry whose
    /// transaction committed late comes after the entries already committed, whatever its sequence). An entry that cannot be read back is dead-lettered (<see cref="OutboxErrorCodes.EventUnreadable"/>), not returned.
    /// </summary>
    /// <param name="maxEntries">The most entries to claim (at least 1).</param>
    /// <param name="leaseDuration">How long the claim holds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<OutboxClaim>> ClaimAsync(int maxEntries, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed entry delivered; false when the lease was lost (another dispatcher claimed it since).</summary>
    /// <param name="sequence">The entry.</param>
    /// <param name="leaseToken">The claim's lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> MarkDeliveredAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt on a claimed entry: it is due again at <paramref name="retryAt"/>, or dead-lettered when
    /// <paramref name="retryAt"/> is null. False when the lease was lost.
    /// </summary>
    /// <param name="sequence">The entry.</param>
    /// <param name="leaseToken">The claim's lease.</param>
    /// <param name="errorCode">Why it failed.</param>
    /// <param name="retryAt">When to try again; null dead-letters it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> MarkFailedAsync(long sequence, Guid leaseToken, string errorCode, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed entry back untouched (not attempted): it may be claimed again at once. False when the lease was lost.</summary>
    /// <param name="sequence">The entry.</param>
    /// <param name="leaseToken">The claim's lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> ReleaseAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default);

    /// <summary>Reads one entry by its sequence (for tests and operators); null when there is none.</summary>
    /// <param name="sequence">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<OutboxEntry?> FindAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// An owner's events by the time they occurred, one page at a time; the continuation token keeps the position, so events
    /// appended meanwhile neither shift nor repeat a page. A database outbox lists in commit order (time order except for an
    /// event whose transaction committed late), so an event committed after a page was read lands on a later page, never skipped. <see cref="OutboxErrorCodes.ContinuationInvalid"/> for a token that
    /// was not issued for this owner, <see cref="OutboxErrorCodes.AuditQueryInvalid"/> for a bad page size or range.
    /// </summary>
    /// <param name="owner">The organization or parent organization.</param>
    /// <param name="query">The range, page size and continuation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Result<FederationAuditPage>> ListByOwnerAsync(OwnerRef owner, FederationAuditQuery query, CancellationToken cancellationToken = default);
}
