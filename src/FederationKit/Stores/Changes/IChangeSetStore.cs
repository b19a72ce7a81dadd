namespace FederationKit.Stores;

/// <summary>
/// Commits a <see cref="ChangeSet"/> atomically: every version is checked and every unique key (user id, identity,
/// (organization, user), (organization, username)) holds before anything is written, or nothing is written. Errors:
/// <see cref="StoreErrorCodes.ConcurrencyConflict"/> when a row changed or vanished since it was read,
/// <see cref="StoreErrorCodes.Duplicate"/> when a key is taken (detail <c>kind</c> is
/// <see cref="Organizations.IMembershipStore.UsernameKind"/> for a username). Events are not published here: use
/// <see cref="ChangeSetCommitter"/>.
/// </summary>
public interface IChangeSetStore
{
    /// <summary>Commits the change's records in one transaction.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when <see cref="CommitAsync"/> also appends the change's events to the event outbox in the same transaction
    /// (the host opted into the outbox and the outbox lives in the same database). <see cref="ChangeSetCommitter"/> then
    /// publishes nothing itself, so an event exists exactly when its change was committed.
    /// </summary>
    bool AppendsEventsToOutbox => false;
}
