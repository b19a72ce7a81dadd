using System.Security.Cryptography;
using FederationKit.Directories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// Carries route invalidations between the instances of a host, over a transport (<see cref="IRouteInvalidationPublisher"/>
/// to send, a subscriber that calls <see cref="ReceiveAsync"/> to receive). Registered as the <see cref="ISignInRouteInvalidation"/>
/// the SDK's services tell after an admin change: it drops the affected routes on this instance at once, then publishes them;
/// every other instance drops the same routes when the message arrives. An instance skips its own messages.
/// <para>
/// While the subscription is down (the transport calls <see cref="Disconnected"/>), changes made elsewhere may be missed, so the
/// router's cache is emptied and keeps routes at most <see cref="CacheTtlWhileDisconnected"/>; when the subscription is back
/// (<see cref="Connected"/>) the cache is emptied again and the normal lifetimes return. The feed starts disconnected, so a
/// host whose subscriber never starts routes with the short lifetime, never with stale routes. A publish that fails is
/// logged, not thrown: the change is stored already, and other instances see it when their cached routes expire.
/// </para>
/// </summary>
public sealed class RouteInvalidationFeed : ISignInRouteInvalidation
{
    private readonly SignInRouter _router;
    private readonly IRouteInvalidationPublisher _publisher;
    private readonly ILogger _logger;
    private readonly object _stateLock = new();
    private bool _connected;

    /// <summary>Creates the feed, disconnected until the transport's subscriber calls <see cref="Connected"/>.</summary>
    /// <param name="router">This instance's router.</param>
    /// <param name="publisher">The transport's sending side.</param>
    /// <param name="cacheTtlWhileDisconnected">The longest a route stays cached while the subscription is down (above zero).</param>
    /// <param name="logger">Where feed losses and failed publishes are logged; none by default.</param>
    public RouteInvalidationFeed(SignInRouter router, IRouteInvalidationPublisher publisher, TimeSpan cacheTtlWhileDisconnected, ILogger<RouteInvalidationFeed>? logger = null)
    {
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cacheTtlWhileDisconnected, TimeSpan.Zero);
        CacheTtlWhileDisconnected = cacheTtlWhileDisconnected;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        InstanceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        _router.LimitCacheLifetime(cacheTtlWhileDisconnected);
    }

    /// <summary>This instance's random identifier, carried in its messages so it can skip them when they come back.</summary>
    public string InstanceId { get; }

    /// <summary>The longest a route stays cached while the subscription is down.</summary>
    public TimeSpan CacheTtlWhileDisconnected { get; }

    /// <summary>Whether the subscription is up (as the transport last reported).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_stateLock)
            {
                return _connected;
            }
        }
    }

    /// <inheritdoc />
    public async Task InvalidateDomainsAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        await _router.InvalidateDomainsAsync(domains, cancellationToken).ConfigureAwait(false);
        await PublishAsync(new RouteInvalidationMessage(InstanceId, [.. domains], null, All: false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task InvalidateDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await _router.InvalidateDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        await PublishAsync(new RouteInvalidationMessage(InstanceId, [], directoryId, All: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every cached route on every instance (this one first).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task InvalidateAllAsync(CancellationToken cancellationToken = default)
    {
        await _router.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await PublishAsync(new RouteInvalidationMessage(InstanceId, [], null, All: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a payload the subscription delivered: drops the routes it names, unless this instance sent it. A payload that
    /// cannot be read drops every route.
    /// </summary>
    /// <param name="payload">The text as published.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task ReceiveAsync(string? payload, CancellationToken cancellationToken = default)
    {
        var message = RouteInvalidationMessage.Decode(payload);
        if (string.Equals(message.Sender, InstanceId, StringComparison.Ordinal))
        {
            return;
        }

        if (message.All)
        {
            if (message.Unreadable)
            {
                RouteInvalidationLog.Unreadable(_logger);
            }

            await _router.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Domains.Count > 0)
        {
            await _router.InvalidateDomainsAsync(message.Domains, cancellationToken).ConfigureAwait(false);
        }

        if (message.Directory is { } directory)
        {
            await _router.InvalidateDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The transport lost its subscription: empties the cache and keeps routes at most <see cref="CacheTtlWhileDisconnected"/>.</summary>
    /// <param name="exception">Why, when known.</param>
    public void Disconnected(Exception? exception = null)
    {
        lock (_stateLock)
        {
            if (!_connected)
            {
                return;
            }

            _connected = false;
            _router.LimitCacheLifetime(CacheTtlWhileDisconnected);
        }

        RouteInvalidationLog.FeedLost(_logger, CacheTtlWhileDisconnected, exception);
    }

    /// <summary>The transport is subscribed (again): empties the cache (messages may have been missed) and restores the lifetimes.</summary>
    public void Connected()
    {
        lock (_stateLock)
        {
            if (_connected)
            {
                return;
            }

            _connected = true;
            _router.LimitCacheLifetime(null);
        }

        RouteInvalidationLog.FeedRestored(_logger);
    }

    private async Task PublishAsync(RouteInvalidationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var payload in message.Encode(_publisher.MaxPayloadBytes))
            {
                await _publisher.PublishAsync(payload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RouteInvalidationLog.NotPublished(_logger, exception);
        }
    }
}
