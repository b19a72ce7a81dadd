using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust.Service;

/// <summary>
/// Runs the trust service's store writes with their events (kept together through <see cref="StoreWriteCommitter"/>), with the
/// acting user as every event's actor and the time read from the clock.
/// </summary>
internal sealed class TrustWrites(StoreWriteCommitter writes, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs <paramref name="write"/>; when it succeeds, raises the events <paramref name="events"/> makes of its result (none when it changed nothing), caused by <paramref name="actor"/>.</summary>
    public Task<Result<T>> WriteAsync<T>(Func<CancellationToken, Task<Result<T>>> write, Func<T, IEnumerable<FederationEvent>> events, UserId actor, CancellationToken cancellationToken) =>
        writes.WriteAsync(write, events, EventActor.User(actor), cancellationToken);

    /// <summary>The event of a request's change.</summary>
    public TrustRequestChanged Changed(string type, TrustRequest request, string? reason = null) =>
        new(type, Now, request.Id, request.DirectoryId, request.DirectoryOwner, request.TrusteeOrganizationId, request.Requester) { Reason = reason };

    /// <summary>The event of a user added through a trust.</summary>
    public TrusteeUserChanged UserAdded(TrustRequest request, UserId userId) =>
        new(DirectoryEventTypes.TrusteeUserAdded, Now, request.Id, request.DirectoryId, request.TrusteeOrganizationId, userId);
}
