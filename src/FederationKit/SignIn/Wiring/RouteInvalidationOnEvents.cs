using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Events;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Routing;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// Wraps the event sink inside the services that change routing data (directories, IdP profiles, domain links, domain claims,
/// sign-in settings): every event they publish after a stored change that affects routing (a domain linked, unlinked or moved,
/// a link removed when ownership changed, a claim verified or lost, a directory deleted, a profile activated, changed or
/// deleted, sign-in settings saved) first drops the affected routes through <see cref="ISignInRouteInvalidation"/>, then
/// reaches the host's sink unchanged. The host's registration of <see cref="IFederationEventSink"/> is not replaced.
/// </summary>
internal sealed class RouteInvalidationOnEvents : IFederationEventSink
{
    private readonly IFederationEventSink _inner;
    private readonly ISignInRouteInvalidation _invalidation;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="inner">The host's sink.</param>
    /// <param name="invalidation">Where invalidations go (the router).</param>
    public RouteInvalidationOnEvents(IFederationEventSink inner, ISignInRouteInvalidation invalidation)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _invalidation = invalidation ?? throw new ArgumentNullException(nameof(invalidation));
    }

    /// <summary>The sink the services publish to: <paramref name="sink"/> itself when nothing needs telling.</summary>
    /// <param name="sink">The host's sink.</param>
    /// <param name="invalidation">Where invalidations go (the router), or null.</param>
    public static IFederationEventSink Wrap(IFederationEventSink sink, ISignInRouteInvalidation? invalidation) =>
        invalidation is null || sink is null ? sink! : new RouteInvalidationOnEvents(sink, invalidation);

    /// <inheritdoc />
    public async ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        await InvalidateAsync(_invalidation, federationEvent, cancellationToken).ConfigureAwait(false);
        await _inner.PublishAsync(federationEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the routes <paramref name="federationEvent"/> affects (nothing when <paramref name="invalidation"/> is null).</summary>
    /// <param name="invalidation">Where invalidations go (the router), or null.</param>
    /// <param name="federationEvent">The event of a kept change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async ValueTask InvalidateAsync(ISignInRouteInvalidation? invalidation, FederationEvent federationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        if (invalidation is null)
        {
            return;
        }

        var (domains, directory) = Map(federationEvent);
        if (domains.Count > 0)
        {
            await invalidation.InvalidateDomainsAsync(domains, cancellationToken).ConfigureAwait(false);
        }

        if (directory is { } id)
        {
            await invalidation.InvalidateDirectoryAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The domains and the directory whose routes an event changes (none for events that do not affect routing); what a
    /// cross-instance transport publishes.
    /// </summary>
    /// <param name="federationEvent">The event.</param>
    public static (IReadOnlyCollection<string> Domains, DirectoryId? Directory) Map(FederationEvent federationEvent) => federationEvent switch
    {
        DomainLinkChanged e => ([e.Domain], null),
        DomainLinkRemovedOwnershipChanged e => (e.VerifiedDomain is { } v ? [e.Domain, v] : [e.Domain], null),
        DomainsMoved e => (e.Domains, null),
        DomainClaimEvent e => ([e.Domain], null),
        DirectoryChanged e when e.Type == DirectoryEventTypes.DirectoryDeleted => ([], e.DirectoryId),
        IdpProfileChanged e when e.Type is DirectoryEventTypes.ProfileActivated or DirectoryEventTypes.ProfileDeleted or DirectoryEventTypes.ProfileUpdated
            => ([], e.DirectoryId),
        DirectorySignInSettingsChanged e => ([], e.DirectoryId),
        _ => ([], null),
    };
}
