using FederationKit.Domains;
using FederationKit.DirectoryTrust;
using FederationKit.Events;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// Removes the domain links that a newly verified claim outranks: when an owner verifies a domain, every link of another owner
/// on that domain, or on a subdomain that the other owner covered only through it (no verified claim of its own that is more
/// specific), is removed with a <see cref="DomainLinkRemovedOwnershipChanged"/> event. A subdomain the other owner verified
/// itself keeps its link. Runs rarely (only when a claim becomes verified), so it reads the link list once.
/// </summary>
internal sealed class DomainLinkOwnershipReconciler : IDomainVerificationHandler
{
    // The one bound of removing a link that changes meanwhile.
    private const int MaxAttempts = 3;

    private readonly IDomainLinkStore _links;
    private readonly IDomainOwnerQuery _owners;
    private readonly StoreWriteCommitter _writes;
    private readonly TimeProvider _time;

    /// <summary>Creates the reconciler.</summary>
    /// <param name="links">The domain link store.</param>
    /// <param name="owners">Names the owner of the most specific verified claim covering a domain.</param>
    /// <param name="events">Receives a <see cref="DomainLinkRemovedOwnershipChanged"/> per removed link.</param>
    /// <param name="time">The clock.</param>
    /// <param name="routes">Told of every change that affects sign-in routing, so cached routes are dropped at once (AddFederationKit passes the router).</param>
    /// <param name="writes">Keeps each removal and its event together (one database transaction with the EF Core stores and the outbox); null publishes the event after the removal.</param>
    public DomainLinkOwnershipReconciler(
        IDomainLinkStore links,
        IDomainOwnerQuery owners,
        IFederationEventSink events,
        TimeProvider time,
        FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null,
        IStoreWriteTransactions? writes = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        _links = links;
        _owners = owners;
        _writes = new StoreWriteCommitter(writes, events, routes);
        _time = time;
    }

    /// <inheritdoc />
    public async Task OnVerifiedAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var candidates = (await _links.ListAllAsync(cancellationToken).ConfigureAwait(false))
            .Where(l => l.Owner != claim.Owner && DomainNameText.IsCoveredBy(l.Domain, claim.Domain));
        foreach (var link in candidates)
        {
            var holder = await _owners.FindOwnerAsync(link.Domain, cancellationToken).ConfigureAwait(false);
            if (holder is null || holder == link.Owner)
            {
                continue;
            }

            // A link changed meanwhile (moved, relinked) is read again; a link already gone, or now the holder's, needs nothing.
            var owner = holder.Value;
            await BoundedRetry.RunAsync<bool>(
                MaxAttempts,
                async attempt =>
                {
                    var current = attempt == 0 ? link : await _links.FindAsync(link.Domain, cancellationToken).ConfigureAwait(false);
                    if (current is null || current.Owner == owner)
                    {
                        return false;
                    }

                    // One write with its event per removed link.
                    var deleted = await _writes.WriteAsync(
                        ct => _links.DeleteAsync(current.Domain, current.Version, ct),
                        new DomainLinkRemovedOwnershipChanged(_time.GetUtcNow(), current.Owner, current.DirectoryId, current.Domain, owner, claim.Domain),
                        cancellationToken).ConfigureAwait(false);
                    return deleted.IsFailure ? deleted.Error : true;
                },
                _ => true).ConfigureAwait(false);
        }
    }
}
