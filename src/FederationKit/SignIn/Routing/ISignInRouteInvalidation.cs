using FederationKit.Directories;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// Tells the router that routing data changed, so it drops what it cached for it (lookup mode) or rebuilds its index (full-index
/// mode). <see cref="SignInRouter"/> implements it; in-process changes made through the SDK's services reach it through
/// <see cref="Wiring.RouteInvalidationOnEvents"/>. A cross-instance transport (Redis pub/sub, PostgreSQL <c>LISTEN/NOTIFY</c>)
/// plugs in as a pair: an <see cref="FederationKit.Events.IFederationEventSink"/> that publishes <see cref="Wiring.RouteInvalidationOnEvents.Map"/>'s
/// answer, and a subscriber on every instance that calls these methods with what it receives.
/// </summary>
public interface ISignInRouteInvalidation
{
    /// <summary>The routing of these domains (links, claims, ownership) changed; their subdomains are affected too.</summary>
    /// <param name="domains">Normalized domains.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task InvalidateDomainsAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default);

    /// <summary>A directory changed (deleted, its active profile, its SSO enforcement or IdP display name).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task InvalidateDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
