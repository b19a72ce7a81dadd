using System.Collections.Concurrent;

namespace FederationKit.SignIn.Ports;

/// <summary>An in-memory <see cref="ISignInRouteSource"/> for tests and small hosts.</summary>
public sealed class InMemorySignInRouteSource : ISignInRouteSource
{
    private readonly ConcurrentDictionary<string, SignInRoute> _routes = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces the entry for <see cref="SignInRoute.Domain"/>.</summary>
    /// <param name="route">The entry.</param>
    public void Set(SignInRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _routes[route.Domain] = route;
    }

    /// <summary>Removes the entry of a domain.</summary>
    /// <param name="domain">The normalized domain.</param>
    public void Remove(string domain) => _routes.TryRemove(domain, out _);

    /// <inheritdoc />
    public Task<IReadOnlyList<SignInRoute>> ListRoutesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SignInRoute>>([.. _routes.Values]);
}
